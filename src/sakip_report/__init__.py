"""sakip-report: SAKIP presentation deck from an agency's performance and budget workbooks."""
