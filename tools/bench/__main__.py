from tools.bench.report import main

raise SystemExit(main())
