"""leadflow: the Chalice app. Wiring only; everything else lives in chalicelib/."""
from chalice import Chalice

from chalicelib.api import admin, catalog, customers, leads, meta
from chalicelib.api.problems import normalise_response

app = Chalice(app_name="leadflow")
app.register_blueprint(meta.bp)
app.register_blueprint(leads.bp)
app.register_blueprint(catalog.bp)
app.register_blueprint(admin.bp)
app.register_blueprint(customers.bp)


@app.middleware("http")
def problem_json_errors(event, get_response):
    """Chalice's own errors (405, 415, 500) leave as problem+json like ours."""
    return normalise_response(get_response(event))
