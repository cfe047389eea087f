"""Keys typed ahead reach the widget that has focus when each one is processed, in order.

Textual hands every key from the terminal to whichever widget has focus *when the app reads
it*, and a key that moves focus (Tab) or opens a screen (``c``) takes effect only later, when it
has bubbled up to the binding that handles it. Over a laggy SSH link keys arrive in bursts, so
``a@b.nl Tab Anna`` landed whole in the first field, and ``c Broken desk`` typed the title into
the ticket screen behind a form that was still opening (where ``r`` opened a reply).

:class:`KeysInOrder` lets one key through at a time: the next is delivered only when the last
has been handled all the way up (followed from the focused widget through each parent to the
app, one queued callback per level, behind the key itself), and not while the screen on top is
still mounting or says it is still opening (``keys_wait``: a ticket screen before its ticket
arrives, the lookup screen while it fetches the ticket asked for; Escape still goes through, to
stop the wait). A key that nothing finishes (its widget was removed on the way) stops holding
the others back after :data:`HOLD_LIMIT`. Keys that arrive one by one pass with no delay.
"""

from __future__ import annotations

import time
from collections import deque

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.timer import Timer

#: The longest one key may hold back the keys typed after it (seconds): a backstop only, for a
#: key lost on the way; on a busy machine a form can take over a second to open.
HOLD_LIMIT = 5.0

#: How often a held key looks again whether the screen it is meant for has mounted (seconds).
RETRY_EVERY = 0.01

#: The longest keys wait for a screen that says it is still opening (``keys_wait``), such as a
#: ticket screen whose ticket has not arrived yet (seconds).
OPENING_LIMIT = 10.0

#: Keys that never wait for an opening screen: they are how the agent stops the wait.
PASSING_KEYS = frozenset({"escape", "ctrl+q", "ctrl+c"})


class KeysInOrder(App[None]):
    """An app whose key presses are handled strictly one after the other."""

    _held_keys: deque[events.Key]
    _key_in_flight: object | None = None
    _key_followed: MessagePump | None = None
    _key_watchdog: Timer | None = None
    _key_waited: float = 0.0
    _key_sent_at: float = 0.0
    _key_screen: object | None = None  # the screen the last key was delivered to
    _opening_since: float | None = None  # keys have waited for an opening screen since then

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not hasattr(self, "_held_keys"):
                self._held_keys = deque()
            self._held_keys.append(event)
            if self._key_in_flight is None:
                await self._deliver_held_key()
            return
        await super().on_event(event)

    async def _deliver_held_key(self) -> None:
        if self._key_in_flight is not None or not self._held_keys:
            return
        screen = self.screen
        if screen is not self._key_screen and self._key_waited < HOLD_LIMIT:
            if not screen.is_mounted:
                # The screen a key was typed for is still opening: its fields are not there yet.
                # (A timer's callback runs outside the app's queue: it only queues the retry.)
                self._key_waited += RETRY_EVERY
                self.set_timer(RETRY_EVERY, lambda: self.call_later(self._deliver_held_key))
                return
            # Mounted: once it has been painted, what it queued on mount (its focus) is done too.
            self._key_screen = screen
            screen.call_after_refresh(lambda: self.call_later(self._deliver_held_key))
            return
        self._key_screen = screen
        self._key_waited = 0.0
        if self._wait_for_opening(screen):
            self.set_timer(RETRY_EVERY * 2, lambda: self.call_later(self._deliver_held_key))
            return
        event = self._held_keys.popleft()
        target: MessagePump = self.focused or self.screen
        token = self._key_in_flight = object()
        self._key_followed = target
        self._key_sent_at = time.monotonic()
        self._key_watchdog = self.set_interval(0.05, lambda: self._check_followed(token))
        await super().on_event(event)
        if not target.call_later(self._follow_key, target, token):
            self._key_done(token)

    def _wait_for_opening(self, screen: object) -> bool:
        """Whether the next key waits for ``screen``: it says it is still opening (a ticket not
        there yet, whose keys would only say "still loading"), for at most OPENING_LIMIT."""
        if not getattr(screen, "keys_wait", False) or self._held_keys[0].key in PASSING_KEYS:
            self._opening_since = None
            return False
        now = time.monotonic()
        if self._opening_since is None:
            self._opening_since = now
        return now - self._opening_since < OPENING_LIMIT

    def _follow_key(self, node: MessagePump, token: object) -> None:
        """``node`` has handled the key: follow it to the parent it bubbled to, if any."""
        if token is not self._key_in_flight:
            return
        parent = node._parent  # the node Textual bubbles a message to
        if node is self or parent is None:
            self._key_done(token)
            return
        self._key_followed = parent
        if not parent.call_later(self._follow_key, parent, token):
            self._key_done(token)

    def _check_followed(self, token: object) -> None:
        """A key whose widget went away before it finished, or that takes long, holds none back."""
        node = self._key_followed
        removed = node is not None and node is not self and not node.is_attached
        if removed or time.monotonic() - self._key_sent_at > HOLD_LIMIT:
            self._key_done(token)

    def _key_done(self, token: object) -> None:
        if token is not self._key_in_flight:
            return
        self._key_in_flight = self._key_followed = None
        if self._key_watchdog is not None:
            self._key_watchdog.stop()
            self._key_watchdog = None
        # Behind whatever the key queued on the app (a focus change, a screen push).
        self.call_later(self._deliver_held_key)
