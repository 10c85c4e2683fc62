"""The machine interface: endpoints other systems call, with JSON in and out.

Like the desk, it holds no business rule: each view checks the shape of the request, calls one
service and turns a `ServiceError` into a status and the body `error.as_dict()`.
"""
