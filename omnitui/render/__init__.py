"""Pure text rendering (HTML mail to text, timeline lines). No I/O, never imports Textual."""
