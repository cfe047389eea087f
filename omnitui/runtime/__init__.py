"""The glue between omnitui and the machine: backends (account or demo), the browser, logs."""
