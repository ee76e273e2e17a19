"""The usage report: `make report` writes build/report/index.html from the tracker store."""
