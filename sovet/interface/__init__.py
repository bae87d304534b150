"""What the API and the pages share at the HTTP edge: the status each error gets, and
the session cookie. The two never import each other; both import this."""
