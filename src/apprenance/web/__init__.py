"""The HTTP service: FastAPI routes and server-rendered pages over the service layer."""
