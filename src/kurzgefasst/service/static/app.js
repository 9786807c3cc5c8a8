// kurzgefasst web page. Article text is untrusted: it only ever reaches the page through
// textContent / createTextNode, never innerHTML, so markup in an article shows as text.
// Every German text here is chosen by a code the API sends (error type, notice code, removed
// kind, guard problem), never by translating an English message.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  // How long the page waits for a summary before it gives up (a test may shorten it).
  const timeoutMs = () => window.kurzgefasstTimeoutMs || 90000;
  const PHONE = "(max-width: 860px)";

  const LANGUAGES = {
    en: "Englisch", fr: "Französisch", nl: "Niederländisch", it: "Italienisch", es: "Spanisch",
    pt: "Portugiesisch", pl: "Polnisch", cs: "Tschechisch", da: "Dänisch", sv: "Schwedisch",
    no: "Norwegisch", nb: "Norwegisch", tr: "Türkisch", ru: "Russisch", uk: "Ukrainisch",
    lb: "Luxemburgisch", hu: "Ungarisch", ro: "Rumänisch", hr: "Kroatisch", el: "Griechisch",
  };

  const MESSAGES = {
    not_german: (d) =>
      "Der Text scheint nicht deutsch zu sein" +
      (d && LANGUAGES[d.language] ? " (erkannt: " + LANGUAGES[d.language] + ")" : "") +
      ". kurzgefasst fasst deutsche Nachrichten zusammen.",
    too_short: (d) =>
      "Der Text ist zu kurz für eine Zusammenfassung" +
      (d && d.words !== undefined ? " (" + d.words + " Wörter, nötig sind mindestens " + d.min_words + ")" : "") +
      ".",
    empty_input: () => "Bitte fügen Sie einen Artikeltext ein.",
    no_article: () => "In der Eingabe wurde kein Artikeltext gefunden.",
    binary_input: () => "Die Eingabe ist kein Text.",
    input_too_large: () => "Der Artikel ist zu lang.",
    unsafe_url: () => "Diese Adresse wird aus Sicherheitsgründen nicht abgerufen (nur öffentliche http- und https-Adressen).",
    fetch_failed: () => "Die Seite konnte nicht geladen werden.",
    fetch_timeout: () => "Die Seite hat zu lange nicht geantwortet.",
    overloaded: () => "Der Server ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.",
    engine_not_configured: () => "Dieses Verfahren ist auf diesem Server nicht eingerichtet.",
    engine_unavailable: () => "Das Sprachmodell hat nicht geantwortet.",
    bad_options: () => "Diese Einstellungen kann der Server nicht verwenden.",
    invalid_request: () => "Die Anfrage ist ungültig.",
    invalid_json: () => "Die Anfrage ist ungültig.",
    unsupported_media_type: () => "Die Anfrage ist ungültig.",
    guard_failed: () => "Keine Zusammenfassung, die sich vollständig belegen lässt.",
    internal_error: () => "Auf dem Server ist ein Fehler aufgetreten.",
    network: () => "Der Server ist nicht erreichbar.",
    timeout: () => "Der Server hat nicht rechtzeitig geantwortet (nach " + Math.round(timeoutMs() / 1000) + " Sekunden abgebrochen).",
    missing_url: () => "Bitte geben Sie eine Adresse ein.",
  };

  // Notice codes of Summary.notices (the pipeline's warnings, each with a stable code).
  const NOTICES = {
    input_repaired: "Die Eingabe musste repariert werden, um lesbar zu sein (Zeichen ersetzt, Groß-/Kleinschreibung).",
    meaning_cut: "Eine Kürzung hätte die Aussage eines Punkts verändert; der ganze Satz oder ein anderer wurde genommen.",
    engine_unavailable: "Das gewählte Verfahren lieferte keine Punkte; gezeigt wird die Auswahl wichtiger Sätze.",
    generated_skipped: "Ein erzeugter Punkt war kein vollständiger, für sich verständlicher Satz und wurde übersprungen.",
    guard_repaired: "Ein Punkt hielt der Prüfung gegen den Artikel nicht stand und wurde durch seinen Quellsatz ersetzt.",
    guard_dropped: "Ein Punkt hielt der Prüfung gegen den Artikel nicht stand; der nächste Kandidat wurde genommen.",
    repeated_evidence: "Ein Punkt beruhte auf denselben Sätzen wie ein anderer und wurde weggelassen.",
    long_bullets: "Einige Punkte sind länger als gewünscht: kein kürzerer Satz war für sich verständlich.",
    few_bullets: "Weniger Punkte als gewünscht: der Artikel hat zu wenige Sätze, die für sich stehen können.",
    meaning_cut: "Eine Kürzung hätte die Aussage verändert; der ganze Satz oder ein anderer wurde genommen.",
    default_fill: "Ein erzeugter Punkt hielt der Prüfung nicht stand; an seiner Stelle steht ein Punkt der Auswahl wichtiger Sätze.",
  };

  // Kinds of Summary.removed: what was cut from the input before summarizing, and why.
  const REMOVED = {
    credit: ["Bildnachweis", "Angabe zum Foto, kein Artikeltext"],
    title: ["Überschrift", "steht über der Zusammenfassung, wird nicht zusammengefasst"],
    hashtags: ["Hashtags", "Schlagwörter der Website"],
    summary_box: ["Kasten der Website", "eigene Zusammenfassung der Website; sie wird nicht als Beleg genutzt"],
    related: ["Verweis", "„Lesen Sie auch“ / „Mehr zum Thema“: Überschriften anderer Artikel"],
    newsletter: ["Newsletter / soziale Medien", "Werbung für Newsletter oder Kanäle"],
    boilerplate: ["Seitenelement", "Cookie-Hinweis, Agenturvermerk oder andere Seitenbausteine"],
  };

  // Codes of the guard's problems (POST /v1/check): the API already sends German messages.
  const VERDICT_OK = "✓ belegt";
  const VERDICT_BAD = "⚠ nicht belegt";

  let mode = "text";
  let current = null; // the last Summary (JSON) shown
  let bullets = []; // [{text, evidence, engine, edits, ok, problems}] as the editor arranged them
  let alternatives = []; // further candidates (same input, more bullets) for "Tauschen"
  let alternativesLoading = Promise.resolve();
  let input = null; // what the shown summary was made of: {text} or {url}, plus title
  let pinned = null; // index of the bullet whose evidence stays highlighted
  let inFlight = null; // {controller, timer, timedOut} of the running request
  let checkSeq = 0;

  // --- input ---------------------------------------------------------------

  const TABS = ["text", "url"];

  function selectTab(name, focusTab) {
    mode = name;
    for (const tab of TABS) {
      const button = $("tab-" + tab);
      button.setAttribute("aria-selected", String(tab === name));
      button.tabIndex = tab === name ? 0 : -1;
      $("panel-" + tab).hidden = tab !== name;
    }
    (focusTab ? $("tab-" + name) : $(name)).focus();
  }

  function tabKeys(event) {
    const index = TABS.indexOf(mode);
    const moves = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index + TABS.length - 1) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    selectTab(TABS[moves[event.key]], true);
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

  async function post(path, body, signal) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: signal,
    });
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = null;
    }
    return { response, data };
  }

  async function submit(event) {
    event.preventDefault();
    hideError();
    const body = payload();
    if (mode === "text" && !body.text.trim()) return showError("empty_input", "");
    if (mode === "url" && !body.url) return showError("missing_url", "");
    cancel(); // a new request replaces the running one
    const controller = new AbortController();
    const request = { controller, timedOut: false, timer: null };
    request.timer = setTimeout(() => {
      request.timedOut = true;
      controller.abort();
    }, timeoutMs());
    inFlight = request;
    setLoading(true);
    try {
      let answer;
      try {
        answer = await post("/v1/summarize", body, controller.signal);
      } catch (err) {
        if (request.timedOut) return showError("timeout", "");
        if (controller.signal.aborted) return; // cancelled: the old result comes back as it was
        return showError("network", String(err));
      }
      const { response, data } = answer;
      if (!response.ok) {
        const error = (data && data.error) || {};
        return showError(error.type || "internal_error", error.message || "HTTP " + response.status, error.details);
      }
      input = mode === "url" ? { url: body.url } : { text: body.text };
      show(data, response.headers.get("X-Kurzgefasst-Cache") === "hit");
      alternativesLoading = loadAlternatives(body, data);
    } finally {
      clearTimeout(request.timer);
      if (inFlight === request) {
        inFlight = null;
        setLoading(false);
      }
    }
  }

  function cancel() {
    if (!inFlight) return;
    const request = inFlight;
    inFlight = null;
    clearTimeout(request.timer);
    request.controller.abort();
    setLoading(false);
    $("status").textContent = "Abgebrochen";
  }

  function setLoading(on) {
    $("submit").disabled = on;
    $("cancel").hidden = !on;
    $("spinner").hidden = !on;
    if (on) $("status").textContent = "Wird zusammengefasst …";
    else if ($("status").textContent === "Wird zusammengefasst …") $("status").textContent = "";
    // The previous result stays readable but is dimmed and labelled as outdated.
    const stale = on && !$("result").hidden;
    $("result").classList.toggle("stale", stale);
    $("result").setAttribute("aria-busy", String(stale));
    $("stale-label").hidden = !stale;
  }

  function showError(type, detail, details) {
    $("status").textContent = "";
    const message = MESSAGES[type] || MESSAGES.internal_error;
    $("error-title").textContent = message(details);
    $("error-detail").textContent = detail || "";
    $("error").querySelector("details").hidden = !detail;
    $("error").hidden = false;
    $("result").hidden = true;
    if (window.matchMedia(PHONE).matches) $("error").scrollIntoView({ block: "start" });
  }

  function hideError() {
    $("error").hidden = true;
  }

  // --- result --------------------------------------------------------------

  function show(summary, cached) {
    current = summary;
    pinned = null;
    alternatives = [];
    bullets = summary.bullets.map((b) => Object.assign({ ok: true, problems: [] }, b));
    $("summary-title").textContent = summary.title || "";
    $("summary-title").hidden = !summary.title;
    renderBullets();
    renderNotices(summary);
    renderRemoved(summary);
    renderSource();
    invalidateRenderings();
    $("copy-status").textContent = "";
    const ms = summary.timings_ms && summary.timings_ms.total;
    $("status").textContent = cached
      ? "Aus dem Speicher"
      : ms ? "Fertig in " + Math.round(ms) + " ms" : "Fertig";
    $("result").hidden = false;
    // On a phone the box is below the form: bring it into view.
    if (window.matchMedia(PHONE).matches) $("result").scrollIntoView({ block: "start" });
  }

  function tool(action, label, title) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.action = action;
    button.textContent = label;
    button.title = title;
    button.setAttribute("aria-label", title);
    return button;
  }

  function renderBullets() {
    const list = $("bullets-list");
    const focused = document.activeElement && document.activeElement.closest("#bullets-list li");
    const focusIndex = focused ? Number(focused.dataset.index) : null;
    list.replaceChildren();
    bullets.forEach((bullet, i) => {
      const item = document.createElement("li");
      item.tabIndex = 0;
      item.dataset.index = String(i);
      const text = document.createElement("span");
      text.className = "bullet-text";
      text.textContent = bullet.text;
      item.appendChild(text);
      const verdict = document.createElement("span");
      verdict.className = "verdict";
      verdict.dataset.ok = String(bullet.ok);
      verdict.textContent = bullet.checking ? "prüft …" : bullet.ok ? VERDICT_OK : VERDICT_BAD;
      item.appendChild(verdict);
      if (!bullet.ok && bullet.problems.length) {
        const problems = document.createElement("ul");
        problems.className = "problems";
        for (const problem of bullet.problems) {
          const line = document.createElement("li");
          line.textContent = problem.message;
          line.dataset.code = problem.code;
          problems.appendChild(line);
        }
        item.appendChild(problems);
      }
      const tools = document.createElement("span");
      tools.className = "bullet-tools";
      tools.append(
        tool("up", "↑", "Punkt nach oben"),
        tool("down", "↓", "Punkt nach unten"),
        tool("swap", "Tauschen", "Gegen den nächsten Kandidaten tauschen"),
        tool("edit", "Bearbeiten", "Text bearbeiten (wird sofort geprüft)"),
      );
      tools.children[0].disabled = i === 0;
      tools.children[1].disabled = i === bullets.length - 1;
      item.appendChild(tools);
      const sentences = bullet.evidence.length === 1 ? "1 Satz" : bullet.evidence.length + " Sätze";
      item.title = "Beleg: " + sentences + " im Artikel";
      item.addEventListener("mouseenter", () => highlight(i));
      item.addEventListener("mouseleave", () => highlight(pinned));
      item.addEventListener("focus", () => highlight(i));
      item.addEventListener("blur", () => highlight(pinned));
      item.addEventListener("click", (event) => bulletClick(event, i));
      item.addEventListener("keydown", (event) => bulletKey(event, i));
      list.appendChild(item);
    });
    if (focusIndex !== null && list.children[focusIndex]) list.children[focusIndex].focus();
    highlight(pinned);
  }

  function bulletClick(event, i) {
    const button = event.target.closest("button");
    if (event.target.closest("[contenteditable]")) return;
    if (!button) return pin(i);
    const action = button.dataset.action;
    if (action === "up") move(i, -1);
    else if (action === "down") move(i, 1);
    else if (action === "swap") swap(i);
    else if (action === "edit") edit(i);
  }

  function bulletKey(event, i) {
    if (event.target.closest("[contenteditable]") || event.target.closest("button")) return;
    if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      move(i, event.key === "ArrowUp" ? -1 : 1);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pin(i);
    }
  }

  function changed() {
    invalidateRenderings();
    renderSource();
  }

  function move(i, step) {
    const j = i + step;
    if (j < 0 || j >= bullets.length) return;
    [bullets[i], bullets[j]] = [bullets[j], bullets[i]];
    if (pinned === i) pinned = j;
    else if (pinned === j) pinned = i;
    renderBullets();
    $("bullets-list").children[j].focus();
    changed();
  }

  async function loadAlternatives(body, summary) {
    // Further candidates are the same request with more bullets (the server caches it):
    // every one of them passed the guard like the bullets shown.
    const more = Math.min(10, body.bullets + 4);
    if (more <= body.bullets) return;
    try {
      const { response, data } = await post("/v1/summarize", Object.assign({}, body, { bullets: more }));
      if (!response.ok || current !== summary) return;
      const shown = new Set(bullets.map((b) => b.text));
      alternatives = data.bullets
        .filter((b) => !shown.has(b.text))
        .map((b) => Object.assign({ ok: true, problems: [] }, b));
    } catch (err) {
      alternatives = [];
    }
  }

  async function swap(i) {
    await alternativesLoading; // asked for right after the summary came
    const shown = new Set(bullets.map((b) => b.text));
    const next = alternatives.findIndex((b) => !shown.has(b.text));
    if (next < 0) {
      $("copy-status").textContent = "Keine weiteren Kandidaten";
      return;
    }
    const [candidate] = alternatives.splice(next, 1);
    alternatives.push(bullets[i]); // swapping again cycles through all of them
    bullets[i] = candidate;
    renderBullets();
    $("bullets-list").children[i].focus();
    changed();
  }

  function edit(i) {
    const item = $("bullets-list").children[i];
    const text = item.querySelector(".bullet-text");
    if (text.isContentEditable) return text.blur();
    // "Fertig" takes the focus first, which already ended the edit: do not start a new one.
    if (item.dataset.endedBy === "button") {
      delete item.dataset.endedBy;
      return;
    }
    const before = bullets[i].text;
    text.contentEditable = "plaintext-only";
    text.spellcheck = true;
    item.classList.add("editing");
    item.querySelector("[data-action=edit]").textContent = "Fertig";
    text.focus();
    const range = document.createRange();
    range.selectNodeContents(text);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let timer = null;
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        bullets[i].text = text.textContent.trim();
        check(i);
      }, 350);
    };
    const onKey = (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        text.blur();
      } else if (event.key === "Escape") {
        text.textContent = before;
        text.blur();
      }
    };
    const finish = (event) => {
      const button = item.querySelector("[data-action=edit]");
      if (event && event.relatedTarget === button) item.dataset.endedBy = "button";
      clearTimeout(timer);
      text.removeEventListener("input", onInput);
      text.removeEventListener("keydown", onKey);
      text.removeEventListener("blur", finish);
      const now = text.textContent.replace(/\s+/g, " ").trim();
      text.removeAttribute("contenteditable");
      text.textContent = now || before;
      item.classList.remove("editing");
      item.querySelector("[data-action=edit]").textContent = "Bearbeiten";
      bullets[i].text = now || before;
      if (bullets[i].text !== before) {
        bullets[i].engine = "editor";
        bullets[i].edits = (bullets[i].edits || []).concat(["edited by hand"]);
      }
      check(i);
    };
    text.addEventListener("input", onInput);
    text.addEventListener("keydown", onKey);
    text.addEventListener("blur", finish);
  }

  // The guard checks the whole box against the article (POST /v1/check) while an editor types.
  async function check(i) {
    const seq = ++checkSeq;
    // Pasted text is sent as pasted (the check parses it as the summary did); a fetched page
    // is not fetched again: its article text stands in for it.
    const body =
      input && input.text !== undefined
        ? { text: input.text }
        : { text: current.source_text, title: current.title || undefined };
    body.bullets = bullets.map((b) => b.text || "…");
    const badge = $("bullets-list").children[i] && $("bullets-list").children[i].querySelector(".verdict");
    if (badge) badge.textContent = "prüft …";
    let result = null;
    try {
      const { response, data } = await post("/v1/check", body);
      if (response.ok) result = data;
    } catch (err) {
      result = null;
    }
    if (seq !== checkSeq) return; // a newer check is on its way
    if (result) {
      result.bullets.forEach((verdict, k) => {
        if (!bullets[k]) return;
        bullets[k].ok = verdict.ok;
        bullets[k].problems = verdict.problems || [];
        bullets[k].evidence = locate(verdict.evidence || []);
      });
    }
    // Update the verdicts in place: re-creating the list would end an edit in progress.
    bullets.forEach((_, k) => updateVerdict(k));
    changed();
  }

  function updateVerdict(i) {
    const item = $("bullets-list").children[i];
    const badge = item.querySelector(".verdict");
    badge.dataset.ok = String(bullets[i].ok);
    badge.textContent = bullets[i].ok ? VERDICT_OK : VERDICT_BAD;
    let problems = item.querySelector(".problems");
    if (!problems) {
      problems = document.createElement("ul");
      problems.className = "problems";
      item.insertBefore(problems, item.querySelector(".bullet-tools"));
    }
    problems.replaceChildren();
    for (const problem of bullets[i].ok ? [] : bullets[i].problems) {
      const line = document.createElement("li");
      line.textContent = problem.message;
      line.dataset.code = problem.code;
      problems.appendChild(line);
    }
  }

  // Evidence from a check points into its own parse of the text: find each sentence in the
  // shown article instead of trusting the offsets.
  function locate(evidence) {
    const chars = Array.from(current.source_text || "");
    const text = chars.join("");
    const found = [];
    for (const ev of evidence) {
      const at = text.indexOf(ev.text);
      if (at < 0) continue;
      const start = Array.from(text.slice(0, at)).length;
      found.push({ text: ev.text, start: start, end: start + Array.from(ev.text).length, sentence: ev.sentence });
    }
    return found;
  }

  function renderNotices(summary) {
    const list = $("warnings-list");
    list.replaceChildren();
    const notices = summary.notices || [];
    const texts = notices.length
      ? notices.map((n) => NOTICES[n.code] || "Hinweis des Servers.")
      : (summary.warnings || []).map(() => "Hinweis des Servers zu dieser Zusammenfassung.");
    for (const text of texts) {
      const item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    }
    $("warnings").hidden = !texts.length;
  }

  // Below the article: every removed part with the reason (the article text marks them in
  // place; a phone has no tooltip, so the reasons are written out here).
  function renderRemoved(summary) {
    const list = $("removed-list");
    list.replaceChildren();
    const removed = (summary.removed || []).slice();
    if (summary.credit && !removed.some((r) => r.kind === "credit" && r.text === summary.credit)) {
      removed.unshift({ kind: "credit", text: summary.credit });
    }
    if (summary.dateline) removed.push({ kind: "dateline", text: summary.dateline });
    for (const part of removed) {
      const [label, why] = removedReason(part.kind);
      const item = document.createElement("li");
      item.dataset.kind = part.kind;
      item.append(removedLabel(label, why));
      const cut = document.createElement("del");
      cut.textContent = part.text;
      item.append(cut);
      list.appendChild(item);
    }
    $("removed").hidden = !removed.length;
  }

  function removedLabel(label, why) {
    const span = document.createElement("span");
    span.className = "removed-label";
    span.textContent = label;
    span.title = why;
    const reason = document.createElement("span");
    reason.className = "removed-why";
    reason.textContent = " – " + why + ": ";
    const wrap = document.createElement("span");
    wrap.append(span, reason);
    return wrap;
  }

  // Where the removed parts are in the shown text (source_text is the input as given, so
  // the credit, the dateline and the site's boxes are in it): [{start, end, kind}].
  function removedRanges(summary, chars) {
    const text = chars.join("");
    const parts = (summary.removed || []).map((r) => ({ kind: r.kind, text: r.text }));
    if (summary.credit && !parts.some((p) => p.kind === "credit")) parts.unshift({ kind: "credit", text: summary.credit });
    if (summary.dateline) parts.push({ kind: "dateline", text: summary.dateline });
    const ranges = [];
    let from = 0;
    for (const part of parts) {
      if (!part.text) continue;
      let at = text.indexOf(part.text, part.kind === "dateline" ? 0 : from);
      if (at < 0) at = text.indexOf(part.text);
      if (at < 0) continue;
      if (part.kind !== "dateline") from = at + part.text.length;
      const start = Array.from(text.slice(0, at)).length;
      ranges.push({ start: start, end: start + Array.from(part.text).length, kind: part.kind });
    }
    return ranges;
  }

  function removedReason(kind) {
    if (kind === "dateline") return ["Ortsmarke", "am Anfang entfernt; der Ort kann in Punkten vorkommen, das Agenturkürzel nie"];
    return REMOVED[kind] || ["Entfernt", "kein Artikeltext"];
  }

  // Offsets count Unicode code points (Python); JavaScript strings count UTF-16 units,
  // so the text is sliced as an array of code points.
  function renderSource() {
    const chars = Array.from(current.source_text || "");
    const cuts = new Set([0, chars.length]);
    const ranges = [];
    bullets.forEach((bullet, i) => {
      for (const ev of bullet.evidence) {
        const start = Math.max(0, Math.min(chars.length, ev.start));
        const end = Math.max(start, Math.min(chars.length, ev.end));
        ranges.push({ start, end, bullet: i });
        cuts.add(start);
        cuts.add(end);
      }
    });
    const removed = removedRanges(current, chars);
    for (const r of removed) {
      cuts.add(r.start);
      cuts.add(r.end);
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const container = $("source-text");
    container.replaceChildren();
    let cut = null; // the <del> of the removed part being written
    for (let k = 0; k + 1 < points.length; k++) {
      const start = points[k];
      const end = points[k + 1];
      const text = chars.slice(start, end).join("");
      const owners = ranges.filter((r) => r.start <= start && end <= r.end).map((r) => r.bullet);
      let node;
      if (owners.length) {
        node = document.createElement("mark");
        node.className = "evidence";
        node.dataset.bullets = " " + Array.from(new Set(owners)).join(" ") + " ";
        node.textContent = text;
      } else {
        node = document.createTextNode(text);
      }
      const part = removed.find((r) => r.start <= start && end <= r.end);
      if (!part) {
        cut = null;
        container.appendChild(node);
        continue;
      }
      if (!cut || cut.dataset.start !== String(part.start)) {
        const [label, why] = removedReason(part.kind);
        cut = document.createElement("del");
        cut.className = "removed-part";
        cut.dataset.kind = part.kind;
        cut.dataset.label = label; // shown by CSS (::before), so the text stays the article's
        cut.dataset.start = String(part.start);
        cut.title = label + ": " + why;
        container.appendChild(cut);
      }
      cut.appendChild(node);
    }
    highlight(pinned);
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
  // so a copy is exactly what the API and the CLI give, here for the box as the editor
  // arranged it, with the chosen heading. Renderings are asked for as soon as the box changes,
  // so a click copies at once.

  let formats = []; // [{name, label, media_type}] from /v1/formats, json left out
  let renderings = {}; // format -> Promise of the rendered text, for the box as shown

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

  async function loadEngines() {
    // Offer only what the server can run (an llm engine only when it has one configured).
    try {
      const health = await (await fetch("/v1/health")).json();
      for (const option of $("engine").options) {
        const runnable = (health.engines || []).includes(option.value);
        option.hidden = !runnable;
        option.disabled = !runnable;
      }
    } catch (err) {
      // keep the defaults
    }
  }

  function boxAsShown() {
    const summary = Object.assign({}, current);
    delete summary.source_text; // not needed to render; keeps the request small
    summary.bullets = bullets.map((b) => ({
      text: b.text,
      evidence: b.evidence.map((e) => ({ text: e.text, start: e.start, end: e.end, sentence: e.sentence })),
      engine: b.engine || current.engine,
      edits: b.edits || [],
    }));
    return summary;
  }

  function invalidateRenderings() {
    renderings = {};
    if (!current) return;
    for (const format of formats) rendering(format.name);
  }

  function rendering(format) {
    if (!renderings[format]) {
      renderings[format] = fetch("/v1/render", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ summary: boxAsShown(), format: format, heading: $("heading-choice").value }),
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
    const unchecked = bullets.filter((b) => !b.ok).length;
    $("copy-status").textContent = done
      ? label + " kopiert" + (unchecked ? " – Achtung: " + unchecked + " Punkt(e) nicht belegt" : "")
      : "Kopieren nicht möglich";
    $("copy-status").dataset.copied = done ? text : "";
  }

  // --- wiring --------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    $("form").addEventListener("submit", submit);
    $("cancel").addEventListener("click", cancel);
    $("tab-text").addEventListener("click", () => selectTab("text"));
    $("tab-url").addEventListener("click", () => selectTab("url"));
    document.querySelector("[role=tablist]").addEventListener("keydown", tabKeys);
    $("heading-choice").addEventListener("change", () => {
      $("summary-heading").textContent = $("heading-choice").value || "Zusammenfassung";
      invalidateRenderings();
    });
    loadFormats();
    loadEngines();
    $("text").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("form").requestSubmit();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && inFlight) cancel();
    });
  });
})();
