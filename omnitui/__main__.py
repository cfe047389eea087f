from omnitui.cli import main

raise SystemExit(main())
