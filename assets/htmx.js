// htmx, built into static/dist/htmx.js and loaded (deferred) only by the pages that use it: the
// pillar form, the evidence queue, the rescore and export progress pages ({% block scripts %}).
import htmx from "htmx.org";

window.htmx = htmx;
