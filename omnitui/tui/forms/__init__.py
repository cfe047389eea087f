"""The modal forms that change tickets: create, edit, set status, reply and internal note.

One form per module (``create``, ``update``, ``status``, ``message``), the behaviour they share in
``base``, and ``actions.FormActions``, the app mixin the screens' keys call. Nothing is imported
here, so ``omnitui.tui.forms.validation`` stays importable without Textual.
"""
