"""Mail: the queue stored in the database (queue), what each mail says (content), the MIME
message (message), the SMTP client (transport), the worker that drains the queue (worker)
and the delivery reports that come back (bounces)."""
