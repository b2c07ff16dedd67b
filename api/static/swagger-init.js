// Starts Swagger UI on the docs page (a file, not an inline script, so a strict CSP allows it).
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    // No validator badge: off localhost it would send the spec's URL to validator.swagger.io.
    validatorUrl: null,
  });
});
