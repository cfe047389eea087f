"""What every form shares: validate before sending, send once, never lose what was typed.

A form is a ``ModalScreen`` holding labelled :class:`~omnitui.tui.forms.fields.FormField` rows.
Subclasses say which fields there are, how their text becomes a request model (pydantic does the
validating) and which client call sends it; this base does the rest the same way everywhere:

* ``ctrl+s`` or the Submit button validates, shows a message under each field that is wrong, and
  otherwise sends in a worker; the button is disabled until the answer comes, so a second press
  cannot send twice. A message about a mistake follows the text: it goes once the mistake is
  fixed (:class:`~omnitui.tui.forms.feedback.FormFeedback`).
* An API error is shown inside the form, which stays open with everything typed; a write that may
  have reached the server says so, so the agent refreshes before trying again.
* Escape closes at once when nothing was typed and asks first otherwise; while a request is in
  flight it stops waiting instead (the form stays open).
* The cursor starts after whatever text a field opens with (a draft, the ticket's title), so
  the agent's next keys continue it; after a failed send it is back in the text, at its end.
* Drafts: reply and note forms save as the agent types (debounced), every form saves its values
  when sending fails, and they come back the next time the form opens for that ticket
  (:class:`~omnitui.tui.forms.draft.FormDraft` does the writing).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from omnitui.api.errors import ApiError, RejectedError
from omnitui.tui.forms.confirm import FORMS_CSS, ConfirmClose
from omnitui.tui.forms.draft import SAVE_DELAY, FormDraft
from omnitui.tui.forms.feedback import FormFeedback
from omnitui.tui.forms.fields import FormField, cursor_to_end, scrub
from omnitui.tui.services import Connection

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.storage.drafts import DraftStore

log = logging.getLogger(__name__)

R = TypeVar("R")

#: Seconds a success that needs reading twice (a warning) stays on screen.
WARNING_TIMEOUT = 20.0
MAYBE_SAVED = "It may have been saved: refresh the ticket (R) before trying again."
STOPPED_WAITING = "Stopped waiting for Omnidesk. The change may have been saved: refresh first."


def failure_text(error: ApiError) -> str:
    """What the agent reads when sending failed: the client's words plus what to do now."""
    # Server messages often end with their own full stop, which the client then adds to.
    message = re.sub(r"(?<!\.)\.\.(?!\.)", ".", str(error).strip())
    if error.may_have_reached_server:
        if "may have been saved" in message.lower():
            return message
        return f"{message} {MAYBE_SAVED}"
    if isinstance(error, RejectedError):
        return f"Omnidesk refused it: {message} Nothing was changed."
    return f"{message} Nothing was changed; what you typed is kept."


class FormScreen(FormFeedback[R]):
    """A modal form; see the module docstring for the behaviour every form shares."""

    CSS_PATH = FORMS_CSS

    #: Which drafts the form keeps (a name in ``omnitui.storage.drafts.DRAFT_KINDS``).
    DRAFT_KIND: ClassVar[str] = ""
    #: Save to the drafts as the agent types (replies and notes), not only when sending fails.
    AUTOSAVE: ClassVar[bool] = False
    SUBMIT_LABEL: ClassVar[str] = "Save"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "submit",
            "Send",
            id="form.submit",
            tooltip="Check the form and send it (the Submit button does the same)",
            # Not a priority binding: that would run before the editor has taken the keys
            # typed just before ctrl+s, and send the message without its last characters.
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="form.cancel",
            tooltip="Close the form; asks first if you typed something",
        ),
    ]

    def __init__(
        self,
        *,
        prefill: Mapping[str, str],
        ticket_id: int | None,
        drafts: DraftStore | None,
    ) -> None:
        super().__init__(classes="form-screen")
        self.ticket_id = ticket_id
        self.drafts = drafts
        #: The values the form opens with before any draft: typing differs from these.
        self.baseline: dict[str, str] = dict(prefill)
        self._draft = FormDraft(drafts, self.DRAFT_KIND, ticket_id, warn=self._draft_failed)
        saved = self._draft.saved_fields(prefill)
        #: Whether a draft was found and put into the fields.
        self.restored = bool(saved) and saved != {k: prefill[k] for k in saved}
        #: What the controls start with: the prefill, overlaid with the draft.
        self.start: dict[str, str] = {**self.baseline, **saved}
        #: True while a request is in flight; the submit control is disabled meanwhile.
        self.sending = False
        self._keep_draft = self.AUTOSAVE or self.restored
        self._finished = False
        self._latest: dict[str, str] = dict(self.start)
        self._save_timer: Timer | None = None

    # ------------------------------------------------------------------------------------------
    # What subclasses provide

    def heading(self) -> Text:
        """The form's title line; ticket titles are data, hence Text."""
        raise NotImplementedError

    def compose_fields(self) -> Iterable[Widget]:
        """The form's FormField rows, in tab order."""
        raise NotImplementedError

    # build_request(values) -> request: see FormFeedback, which checks the text with it.

    async def send(self, client: OmnideskClient, request: Any) -> R:
        """Make the API call; ApiError propagates and is shown in the form."""
        raise NotImplementedError

    def success_message(self, outcome: R) -> str:
        """The toast shown after a successful send."""
        raise NotImplementedError

    def success_severity(self, outcome: R) -> SeverityLevel:
        """How that toast is shown: a warning when the write went, but not quite as asked."""
        return "information"

    def first_focus(self) -> Widget | None:
        """The control the cursor starts in; the first field by default."""
        return None

    def edited(self) -> None:
        """Called after any field changed (the status form recounts its tickets)."""

    # ------------------------------------------------------------------------------------------
    # Layout

    def compose(self) -> ComposeResult:
        # The box scrolls when the fields are taller than the terminal; the title, the message
        # line and the buttons are docked, so they stay in view while the fields scroll. The box
        # takes no focus itself: a key typed while the form opens must land in its first field.
        with VerticalScroll(id="form-box", can_focus=False):
            yield Static(self.heading(), id="form-title")
            yield from self.compose_fields()
            with Vertical(id="form-footer"):
                message = Static("", id="form-message")
                message.display = False
                yield message
                with Horizontal(id="form-buttons"):
                    yield Button(
                        Text(self.submit_label()),
                        id="form-submit",
                        variant="primary",
                        compact=True,
                    )
                    yield Button("Cancel", id="form-cancel", compact=True)
                    yield Static(Text("ctrl+s sends · Esc closes"), id="form-keys")

    def on_mount(self) -> None:
        if self.restored:
            self.show_message(self.restored_message(), error=False)
        for field in self.query(FormField):
            cursor_to_end(field.control)
        self._focus_first()
        self.edited()

    def _focus_first(self) -> Widget | None:
        """Focus the control the cursor starts in (focus moves later); returns it."""
        target = self.first_focus() or next(
            (
                field.control
                for field in self.query(FormField)
                if field.display and field.control.focusable
            ),
            None,
        )
        if target is not None:
            target.focus()
        return target

    def submit_label(self) -> str:
        return self.SUBMIT_LABEL

    def restored_message(self) -> str:
        if self.AUTOSAVE:
            return "Your unsent draft for this ticket is back."
        return "What you typed when sending failed is back; check it and send again."

    # ------------------------------------------------------------------------------------------
    # Reading and marking fields

    def field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)

    def is_dirty(self) -> bool:
        """Whether anything differs from what the form opened with (a restored draft counts)."""
        return self._differs(self._latest if self._finished else self.values())

    def _differs(self, values: Mapping[str, str]) -> bool:
        return any(values.get(name, "") != self.baseline.get(name, "") for name in values)

    # ------------------------------------------------------------------------------------------
    # Submitting

    def action_submit(self) -> None:
        """Validate, then send in a worker; a second press while sending does nothing."""
        if self.sending or self._finished:
            return
        self.clear_problems()
        request, problems = self.validated(self.values())
        if problems:
            self.show_problems(problems)
            return
        self._set_sending(True)
        self._send(request)

    @on(Button.Pressed, "#form-submit")
    def _submit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @work(exclusive=True, exit_on_error=False, group="form-send", description="send the form")
    async def _send(self, request: Any) -> None:
        host = cast(Connection, self.app)
        try:
            if getattr(host, "connection_error", None):
                self._failed(str(host.connection_error))
                return
            client = await host.wait_for_client()
            outcome = await self.send(client, request)
        except ApiError as exc:
            self._failed(failure_text(exc))
            return
        except Exception:
            # A bug must not cost the agent their text: keep the form open and say so.
            log.exception("sending the %s form failed", self.DRAFT_KIND)
            self._failed(
                "Something went wrong in omnitui while sending; what you typed is kept. "
                f"{MAYBE_SAVED}"
            )
            return
        self._succeeded(outcome)

    def _set_sending(self, sending: bool) -> None:
        self.sending = sending
        self.query_one("#form-submit", Button).disabled = sending
        if sending:
            self.show_message("Sending…", error=False)

    def _failed(self, text: str) -> None:
        self._set_sending(False)
        self.show_message(text, error=True)
        self._keep_draft = True
        self.save_draft()
        if not isinstance(self.focused, Input | TextArea):
            # Sent with the button, the focus moved on to Cancel: put it back in the text,
            # after it, so the agent can fix it or add to it at once.
            target = self._focus_first()
            if target is not None:
                cursor_to_end(target)

    def _succeeded(self, outcome: R) -> None:
        self.sending = False
        self._finish(keep=False)
        severity = self.success_severity(outcome)
        timeout = None if severity == "information" else WARNING_TIMEOUT
        self.app.notify(
            self.success_message(outcome), severity=severity, timeout=timeout, markup=False
        )
        self.dismiss(outcome)

    # ------------------------------------------------------------------------------------------
    # Closing

    def action_cancel(self) -> None:
        """Stop waiting while sending; close when nothing was typed; otherwise ask first."""
        if self.sending:
            self.workers.cancel_group(self, "form-send")
            self._failed(STOPPED_WAITING)
            return
        if not self.is_dirty():
            self._finish(keep=False)
            self.dismiss(None)
            return
        self.app.push_screen(ConfirmClose.for_form(self.AUTOSAVE), self._close_answered)

    def _close_answered(self, answer: str | None) -> None:
        if answer == "keep":
            self._finish(keep=True)
            self.dismiss(None)
        elif answer == "discard":
            self._finish(keep=False)
            self.dismiss(None)

    def _finish(self, *, keep: bool) -> None:
        """The form is closing: keep its draft on disk, or forget it."""
        if keep:
            self.save_draft()
        else:
            self._draft.remove()
        self._latest = self.values()
        self._finished = True
        self._stop_timer()

    def on_unmount(self) -> None:
        # The form goes without being sent or cancelled (quit, hang-up, a switch of account):
        # the widgets are gone, the last values are not, and whatever was typed is kept.
        if self._finished:
            return
        typed = self._differs(self._latest)
        if self._draft.unsaved_since is not None or (not self._keep_draft and typed):
            self._write(self._latest)

    # ------------------------------------------------------------------------------------------
    # Drafts

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _field_changed(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        if self._finished:
            return
        if isinstance(event, Input.Changed) and scrub(event.input):
            return  # the scrubbed value comes back as a Changed event of its own
        self._latest = self.values()
        self.edited()
        self.recheck()
        if not self._keep_draft or self.drafts is None:
            return
        if self._draft.typed(time.monotonic()):
            self.save_draft()
            return
        self._stop_timer()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_draft, name="save draft")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        # Enter moves on, like Tab: sending is always a deliberate ctrl+s or button press.
        event.stop()
        self.focus_next()

    def save_draft(self) -> None:
        """Write the fields to the drafts now (or remove the draft if nothing was typed)."""
        self._stop_timer()
        if self._finished:
            return
        self._latest = self.values()
        self._write(self._latest)

    def _write(self, values: Mapping[str, str]) -> None:
        self._draft.write(values, changed=self._differs(values))

    def _draft_failed(self, text: str) -> None:
        self.app.notify(text, severity="warning", markup=False)

    def _stop_timer(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
