// The script every page loads (deferred): Bootstrap's collapse, for the navigation's toggle on
// narrow screens (its data-bs-toggle="collapse" API). Built into static/dist/portal.js.
import "bootstrap/js/src/collapse.js";
