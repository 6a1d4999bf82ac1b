"""The audit trail: who changed what, before and after. Every package writes to it, so it sits at the
bottom of the dependency order (beside verify's models); entries are only ever added."""
