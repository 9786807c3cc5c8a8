// kurzgefasst web page. Article text is untrusted: it only ever reaches the page through
// textContent / createTextNode, never innerHTML, so markup in an article shows as text.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  const MESSAGES = {
    not_german: "Der Text scheint nicht deutsch zu sein. kurzgefasst fasst deutsche Nachrichten zusammen.",
    empty_input: "Bitte fügen Sie einen Artikeltext ein.",
    no_article: "In der Eingabe wurde kein Artikeltext gefunden.",
    binary_input: "Die Eingabe ist kein Text.",
    input_too_large: "Der Artikel ist zu lang.",
    unsafe_url: "Diese Adresse wird aus Sicherheitsgründen nicht abgerufen (nur öffentliche http- und https-Adressen).",
    fetch_failed: "Die Seite konnte nicht geladen werden.",
    fetch_timeout: "Die Seite hat zu lange nicht geantwortet.",
    overloaded: "Der Server ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.",
    invalid_request: "Die Anfrage ist ungültig.",
    invalid_json: "Die Anfrage ist ungültig.",
    guard_failed: "Keine Zusammenfassung, die sich vollständig belegen lässt.",
    internal_error: "Auf dem Server ist ein Fehler aufgetreten.",
    network: "Der Server ist nicht erreichbar.",
  };

  let mode = "text";
  let current = null; // the last Summary (JSON) shown
  let pinned = null; // index of the bullet whose evidence stays highlighted

  // --- input ---------------------------------------------------------------

  function selectTab(name) {
    mode = name;
    for (const tab of ["text", "url"]) {
      $("tab-" + tab).setAttribute("aria-selected", String(tab === name));
      $("panel-" + tab).hidden = tab !== name;
    }
    $(name).focus();
  }

  function payload() {
    const body = {
      bullets: Number($("bullets").value),
      engine: $("engine").value,
      include_source: true,
      format: "json",
    };
    if (mode === "url") body.url = $("url").value.trim();
    else body.text = $("text").value;
    return body;
  }

  async function submit(event) {
    event.preventDefault();
    hideError();
    const body = payload();
    if (mode === "text" && !body.text.trim()) return showError("empty_input", "");
    if (mode === "url" && !body.url) return showError("invalid_request", "Bitte eine Adresse eingeben.");
    $("submit").disabled = true;
    $("status").textContent = "Wird zusammengefasst …";
    try {
      let response;
      try {
        response = await fetch("/v1/summarize", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
      } catch (err) {
        return showError("network", String(err));
      }
      let data = null;
      try {
        data = await response.json();
      } catch (err) {
        data = null;
      }
      if (!response.ok) {
        const error = (data && data.error) || {};
        return showError(error.type || "internal_error", error.message || "HTTP " + response.status);
      }
      show(data, response.headers.get("X-Kurzgefasst-Cache") === "hit");
    } finally {
      $("submit").disabled = false;
      if ($("status").textContent === "Wird zusammengefasst …") $("status").textContent = "";
    }
  }

  function showError(type, detail) {
    $("status").textContent = "";
    $("error-title").textContent = MESSAGES[type] || MESSAGES.internal_error;
    $("error-detail").textContent = detail ? " (" + detail + ")" : "";
    $("error").hidden = false;
    $("result").hidden = true;
  }

  function hideError() {
    $("error").hidden = true;
  }

  // --- result --------------------------------------------------------------

  function show(summary, cached) {
    current = summary;
    pinned = null;
    $("summary-title").textContent = summary.title || "";
    $("summary-title").hidden = !summary.title;

    const list = $("bullets-list");
    list.replaceChildren();
    summary.bullets.forEach((bullet, i) => {
      const item = document.createElement("li");
      item.textContent = bullet.text;
      item.tabIndex = 0;
      item.dataset.index = String(i);
      const sentences = bullet.evidence.length === 1 ? "1 Satz" : bullet.evidence.length + " Sätze";
      item.title = "Beleg: " + sentences + " im Artikel";
      item.addEventListener("mouseenter", () => highlight(i));
      item.addEventListener("mouseleave", () => highlight(pinned));
      item.addEventListener("focus", () => highlight(i));
      item.addEventListener("blur", () => highlight(pinned));
      item.addEventListener("click", () => pin(i));
      item.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          pin(i);
        }
      });
      list.appendChild(item);
    });

    const warnings = $("warnings-list");
    warnings.replaceChildren();
    for (const warning of summary.warnings || []) {
      const item = document.createElement("li");
      item.textContent = warning;
      warnings.appendChild(item);
    }
    $("warnings").hidden = !(summary.warnings || []).length;

    renderSource(summary);
    renderings = {};
    for (const format of formats) rendering(format); // ask now, so a click copies at once
    $("copy-status").textContent = "";
    const ms = summary.timings_ms && summary.timings_ms.total;
    $("status").textContent = cached
      ? "Aus dem Speicher"
      : ms ? "Fertig in " + Math.round(ms) + " ms" : "Fertig";
    $("result").hidden = false;
  }

  // Offsets count Unicode code points (Python); JavaScript strings count UTF-16 units,
  // so the text is sliced as an array of code points.
  function renderSource(summary) {
    const chars = Array.from(summary.source_text || "");
    const cuts = new Set([0, chars.length]);
    const ranges = [];
    summary.bullets.forEach((bullet, i) => {
      for (const ev of bullet.evidence) {
        const start = Math.max(0, Math.min(chars.length, ev.start));
        const end = Math.max(start, Math.min(chars.length, ev.end));
        ranges.push({ start, end, bullet: i });
        cuts.add(start);
        cuts.add(end);
      }
    });
    const points = Array.from(cuts).sort((a, b) => a - b);
    const container = $("source-text");
    container.replaceChildren();
    for (let k = 0; k + 1 < points.length; k++) {
      const start = points[k];
      const end = points[k + 1];
      const text = chars.slice(start, end).join("");
      const owners = ranges.filter((r) => r.start <= start && end <= r.end).map((r) => r.bullet);
      if (owners.length) {
        const mark = document.createElement("mark");
        mark.className = "evidence";
        mark.dataset.bullets = " " + Array.from(new Set(owners)).join(" ") + " ";
        mark.textContent = text;
        container.appendChild(mark);
      } else {
        container.appendChild(document.createTextNode(text));
      }
    }
  }

  function highlight(index) {
    for (const item of $("bullets-list").children) {
      item.classList.toggle("active", index !== null && item.dataset.index === String(index));
      item.classList.toggle("pinned", pinned !== null && item.dataset.index === String(pinned));
    }
    for (const mark of $("source-text").querySelectorAll("mark.evidence")) {
      mark.classList.toggle("active", index !== null && mark.dataset.bullets.includes(" " + index + " "));
    }
  }

  function pin(index) {
    pinned = pinned === index ? null : index;
    highlight(pinned === null ? index : pinned);
    const first = $("source-text").querySelector("mark.evidence.active");
    if (first && pinned !== null) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  // --- copy ----------------------------------------------------------------
  // The server renders every format (GET /v1/formats lists them, POST /v1/render renders one),
  // so a copy is exactly what the API and the CLI give. Renderings are asked for as soon as a
  // summary is shown, so a click copies at once.

  let formats = []; // [{name, label, media_type}] from /v1/formats, json left out
  let renderings = {}; // format -> Promise of the rendered text, for `current`

  async function loadFormats() {
    try {
      const response = await fetch("/v1/formats");
      formats = (await response.json()).filter((f) => f.name !== "json");
    } catch (err) {
      formats = [];
    }
    const buttons = $("copy-buttons");
    buttons.replaceChildren();
    for (const format of formats) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.copy = format.name;
      button.textContent = format.label;
      button.addEventListener("click", () => copy(format.name));
      buttons.appendChild(button);
    }
  }

  function rendering(format) {
    if (!renderings[format]) {
      const summary = Object.assign({}, current);
      delete summary.source_text; // not needed to render; keeps the request small
      renderings[format] = fetch("/v1/render", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ summary: summary, format: format }),
      }).then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      });
      renderings[format].catch(() => null); // a failure shows when the button is used
    }
    return renderings[format];
  }

  async function copy(format) {
    if (!current) return;
    let text = null;
    try {
      text = await rendering(format);
    } catch (err) {
      $("copy-status").textContent = "Kopieren nicht möglich";
      $("copy-status").dataset.copied = "";
      return;
    }
    let done = false;
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        done = true;
      } catch (err) {
        done = false;
      }
    }
    if (!done) {
      // Plain-http servers on another host have no clipboard API: the old way still works.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      try {
        done = document.execCommand("copy");
      } catch (err) {
        done = false;
      }
      area.remove();
    }
    const label = (formats.find((f) => f.name === format) || { label: format }).label;
    $("copy-status").textContent = done ? label + " kopiert" : "Kopieren nicht möglich";
    $("copy-status").dataset.copied = done ? text : "";
  }

  // --- wiring --------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    $("form").addEventListener("submit", submit);
    $("tab-text").addEventListener("click", () => selectTab("text"));
    $("tab-url").addEventListener("click", () => selectTab("url"));
    loadFormats();
    $("text").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("form").requestSubmit();
    });
  });
})();
