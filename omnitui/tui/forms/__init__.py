"""The modal forms that change tickets: create, edit, set status, reply and internal note.

One form per module (``create``, ``update``, ``status``, ``message``) and the behaviour they share
in ``base``. The screens open them: their keys (``r``, ``i``, ``e``, ``s``, ``c``) are the
screens' own actions. Nothing is imported here, so ``omnitui.tui.forms.validation`` stays
importable without Textual.
"""
