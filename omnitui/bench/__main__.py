from omnitui.bench.report import main

raise SystemExit(main())
