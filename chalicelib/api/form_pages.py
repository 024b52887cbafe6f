"""What a person sees after submitting a plain HTML form: a page in their language, never JSON."""
import html
from urllib.parse import urlencode, urlsplit, urlunsplit

from chalice import Response

from .. import errors
from ..formats.media_types import FORM_TYPE, MULTIPART_TYPE

_TEXTS = {
    "de": {
        "thanks_title": "Vielen Dank", "thanks": "Vielen Dank für Ihre Anfrage. Wir melden uns in Kürze.",
        "refused_title": "Anfrage nicht gesendet", "back": "Zurück zum Formular",
        "origin": "Dieses Formular kann nur von der Website des Autohauses gesendet werden.",
        "rate": "Gerade kommen sehr viele Anfragen an. Bitte senden Sie das Formular in einer Minute noch einmal.",
        "size": "Die Anfrage ist zu groß. Bitte kürzen Sie Ihre Nachricht.",
        "incomplete": "Bitte geben Sie Ihren Namen und eine E-Mail-Adresse oder Telefonnummer an.",
        "unreadable": "Die Anfrage konnte nicht gelesen werden. Bitte versuchen Sie es noch einmal.",
        "unknown_form": "Dieses Formular ist nicht (mehr) aktiv.",
        "busy": "Ihre Anfrage wird gerade gespeichert. Sie müssen nichts weiter tun.",
        "error": "Ihre Anfrage konnte gerade nicht gespeichert werden. Bitte versuchen Sie es später noch einmal.",
    },
    "en": {
        "thanks_title": "Thank you", "thanks": "Thank you for your enquiry. We will be in touch shortly.",
        "refused_title": "Enquiry not sent", "back": "Back to the form",
        "origin": "This form can only be sent from the dealer's website.",
        "rate": "We are receiving a great many enquiries right now. Please send the form again in a minute.",
        "size": "The enquiry is too large. Please shorten your message.",
        "incomplete": "Please give your name and an e-mail address or phone number.",
        "unreadable": "The enquiry could not be read. Please try again.",
        "unknown_form": "This form is not active (any more).",
        "busy": "Your enquiry is being saved. There is nothing more you need to do.",
        "error": "Your enquiry could not be saved just now. Please try again later.",
    },
}
_REASONS = [
    (errors.SenderUnverifiedError, "origin"), (errors.RateLimitedError, "rate"),
    (errors.PayloadTooLargeError, "size"), (errors.InvalidInputError, "incomplete"),
    (errors.NotFoundError, "unknown_form"), (errors.ConflictError, "busy"),
]


def from_browser(content_type: str, headers: dict) -> bool:
    """A plain HTML form's post (what a browser sends without script), or a client asking for HTML.
    A form post that is signed (a machine's: Standard Webhooks) or asks for JSON alone gets JSON:
    its lead id, whether it needs review, and what was wrong."""
    accept = (headers.get("accept") or "").lower()
    wants_html = "text/html" in accept
    machine = "webhook-signature" in headers or ("application/json" in accept and not wants_html)
    return (content_type in (FORM_TYPE, MULTIPART_TYPE) and not machine) or (
        wants_html and "application/json" not in accept)


def language(accept_language: str | None) -> str:
    """German unless the browser prefers English (the first of de/en it names)."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in _TEXTS:
            return tag
    return "de"


def _page(lang: str, title: str, text: str, status: int, back: bool = False) -> Response:
    t = _TEXTS[lang]
    link = f'<p><a href="javascript:history.back()">{html.escape(t["back"])}</a></p>' if back else ""
    body = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
            f"<p>{html.escape(text)}</p>{link}</body></html>")
    return Response(body=body, status_code=status, headers={"Content-Type": "text/html; charset=utf-8",
                                                             "Cache-Control": "no-store"})


def thank_you(lang: str, status: int = 201) -> Response:
    t = _TEXTS[lang]
    return _page(lang, t["thanks_title"], t["thanks"], status)


def refused(exc: errors.LeadflowError, lang: str) -> Response:
    """The visitor's page for a refused post, or a redirect to the integration's error page."""
    from .problems import status_of
    reason = next((code for cls, code in _REASONS if isinstance(exc, cls)), "unreadable")
    error_url = getattr(exc, "error_url", None)
    if error_url:
        parts = urlsplit(error_url)
        query = "&".join(filter(None, [parts.query, urlencode({"reason": reason})]))
        return Response(body="", status_code=303, headers={"Location": urlunsplit(parts._replace(query=query))})
    t = _TEXTS[lang]
    response = _page(lang, t["refused_title"], t[reason], status_of(exc), back=reason not in ("busy", "unknown_form"))
    if isinstance(exc, errors.RateLimitedError):
        response.headers["Retry-After"] = str(exc.extra.get("retry_after", 60))
    return response


def failed(lang: str) -> Response:
    """The visitor's page when storing their post failed on leadflow's side (a 500, never JSON)."""
    t = _TEXTS[lang]
    return _page(lang, t["refused_title"], t["error"], 500, back=True)
