// Renders /openapi.json as a plain reference (no CDN-hosted Swagger UI needed).
"use strict";

(function () {
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function resolve(spec, schema) {
    if (schema && schema.$ref) {
      const name = schema.$ref.split("/").pop();
      const defs = (spec.components && spec.components.schemas) || {};
      return defs[name] || (schema.$defs || {})[name] || schema;
    }
    return schema || {};
  }

  function typeOf(spec, schema) {
    schema = resolve(spec, schema);
    if (schema.anyOf) return schema.anyOf.map((s) => typeOf(spec, s)).join(" | ");
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    if (schema.type === "array") return typeOf(spec, schema.items) + "[]";
    if (schema.title && !schema.type) return schema.title;
    return schema.type || schema.title || "object";
  }

  function table(spec, schema) {
    schema = resolve(spec, schema);
    const t = el("table");
    const head = el("tr");
    for (const h of ["field", "type", "default", "description"]) head.appendChild(el("th", h));
    t.appendChild(head);
    for (const [name, prop] of Object.entries(schema.properties || {})) {
      const row = el("tr");
      row.appendChild(el("td")).appendChild(el("code", name));
      row.appendChild(el("td", typeOf(spec, prop)));
      row.appendChild(el("td", prop.default === undefined ? "" : JSON.stringify(prop.default)));
      const limits = [];
      if (prop.minimum !== undefined) limits.push("≥ " + prop.minimum);
      if (prop.maximum !== undefined) limits.push("≤ " + prop.maximum);
      if (prop.maxLength !== undefined) limits.push("at most " + prop.maxLength + " characters");
      row.appendChild(el("td", [prop.description || "", limits.join(", ")].filter(Boolean).join(" ")));
      t.appendChild(row);
    }
    return t;
  }

  function render(spec) {
    const root = document.getElementById("operations");
    root.replaceChildren();
    for (const [path, methods] of Object.entries(spec.paths || {})) {
      for (const [method, op] of Object.entries(methods)) {
        const box = el("section", null, "operation");
        const title = el("h2");
        title.appendChild(el("span", method.toUpperCase(), "method " + method));
        title.appendChild(el("code", path));
        box.appendChild(title);
        if (op.summary) box.appendChild(el("p", op.summary));
        if (op.description) box.appendChild(el("p", op.description));
        const body = op.requestBody && op.requestBody.content;
        if (body) {
          for (const [media, content] of Object.entries(body)) {
            box.appendChild(el("h3", "Request body (" + media + ")"));
            const schema = resolve(spec, content.schema);
            if (schema.description) box.appendChild(el("p", schema.description));
            box.appendChild(table(spec, schema));
          }
        }
        box.appendChild(el("h3", "Responses"));
        const list = el("table");
        for (const [status, response] of Object.entries(op.responses || {})) {
          const row = el("tr");
          row.appendChild(el("td")).appendChild(el("code", status));
          row.appendChild(el("td", response.description || ""));
          row.appendChild(el("td", Object.keys(response.content || {}).join(", ")));
          list.appendChild(row);
        }
        box.appendChild(list);
        root.appendChild(box);
      }
    }
    const summary = resolve(spec, { $ref: "#/components/schemas/SummaryModel" });
    if (summary.properties) {
      const box = el("section", null, "operation");
      box.appendChild(el("h2", "Summary (the JSON answer, same as the CLI's --format json)"));
      box.appendChild(table(spec, summary));
      root.appendChild(box);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    fetch("/openapi.json")
      .then((r) => r.json())
      .then(render)
      .catch((err) => {
        document.getElementById("operations").replaceChildren(el("p", "Could not load /openapi.json: " + err));
      });
  });
})();
