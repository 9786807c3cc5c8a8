// Renders /openapi.json as a plain reference (no CDN-hosted Swagger UI needed).
"use strict";

(function () {
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // Descriptions are Markdown (and docstrings RST): `code`, ``code``, **bold**, *em*,
  // [text](url). Built as DOM nodes, never innerHTML.
  function markdown(text, tag) {
    const node = document.createElement(tag || "span");
    const pattern = /``([^`]+)``|`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      if (match[1] || match[2]) node.appendChild(el("code", match[1] || match[2]));
      else if (match[3]) node.appendChild(el("strong", match[3]));
      else if (match[4]) node.appendChild(el("em", match[4]));
      else {
        const link = el("a", match[5]);
        if (/^(https?:\/\/|\/)/.test(match[6])) link.href = match[6];
        node.appendChild(link);
      }
      last = pattern.lastIndex;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
    return node;
  }

  function paragraphs(text) {
    const box = document.createDocumentFragment();
    for (const part of String(text).split(/\n\s*\n/)) {
      if (part.trim()) box.appendChild(markdown(part.replace(/\s*\n\s*/g, " ").trim(), "p"));
    }
    return box;
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
      const described = resolve(spec, prop);
      const description = prop.description || described.description || "";
      row.appendChild(el("td")).appendChild(
        markdown([description, limits.join(", ")].filter(Boolean).join(" "))
      );
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
        if (op.summary) box.appendChild(markdown(op.summary, "p"));
        if (op.description) box.appendChild(paragraphs(op.description));
        const body = op.requestBody && op.requestBody.content;
        if (body) {
          for (const [media, content] of Object.entries(body)) {
            box.appendChild(el("h3", "Request body (" + media + ")"));
            const schema = resolve(spec, content.schema);
            if (schema.description) box.appendChild(paragraphs(schema.description));
            box.appendChild(table(spec, schema));
          }
        }
        box.appendChild(el("h3", "Responses"));
        const list = el("table");
        for (const [status, response] of Object.entries(op.responses || {})) {
          const row = el("tr");
          row.appendChild(el("td")).appendChild(el("code", status));
          row.appendChild(el("td")).appendChild(markdown(response.description || ""));
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
    // The objects inside the summary, each field described.
    for (const [name, title] of [["BulletModel", "Bullet"], ["EvidenceModel", "Evidence"], ["RejectionModel", "Rejection"]]) {
      const schema = resolve(spec, { $ref: "#/components/schemas/" + name });
      if (!schema.properties) continue;
      const box = el("section", null, "operation model");
      box.appendChild(el("h2", title));
      if (schema.description) box.appendChild(paragraphs(schema.description));
      box.appendChild(table(spec, schema));
      root.appendChild(box);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    // The examples name the server the page came from, not a fixed port.
    document.getElementById("origin").textContent = window.location.origin;
    fetch("/openapi.json")
      .then((r) => r.json())
      .then(render)
      .catch((err) => {
        document.getElementById("operations").replaceChildren(el("p", "Could not load /openapi.json: " + err));
      });
  });
})();
