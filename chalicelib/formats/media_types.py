"""The media types webhook deliveries come in, by the reader that takes them."""
JSON_TYPES = ("application/json",)
FORM_TYPE = "application/x-www-form-urlencoded"
MULTIPART_TYPE = "multipart/form-data"
XML_TYPES = ("application/xml", "text/xml", "application/x-adf+xml")
READABLE_TYPES = (*JSON_TYPES, FORM_TYPE, MULTIPART_TYPE, *XML_TYPES)
# text/plain is what <form enctype="text/plain"> posts: no reader takes it, but the route must, so
# that the visitor is refused with a page (api/form_pages.py) rather than Chalice's JSON 415.
WEBHOOK_TYPES = [*READABLE_TYPES, "text/plain"]
