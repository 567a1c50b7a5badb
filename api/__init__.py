"""The portal's REST API (/api/v1/, django-ninja) and its open data: the layer above the apps,
asking surveys/access.py for every object and calling the same services as the pages."""
