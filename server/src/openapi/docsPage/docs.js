// Starts Swagger UI on the document served at /api/openapi.json (assets from the swagger-ui-dist package).
window.addEventListener("load", () => {
  window.ui = window.SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
    tryItOutEnabled: false,
    // No badge from the public validator: the page loads nothing from outside this server.
    validatorUrl: null,
  });
});
