"""The media types webhook deliveries come in, by the reader that takes them."""
JSON_TYPES = ("application/json",)
FORM_TYPE = "application/x-www-form-urlencoded"
XML_TYPES = ("application/xml", "text/xml", "application/x-adf+xml")
WEBHOOK_TYPES = [*JSON_TYPES, FORM_TYPE, *XML_TYPES]
