"""One module per `netorg` sub-command; each imports heavy libraries only when it runs."""
