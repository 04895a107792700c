// The timeline, built from the page's JSON. Every piece of text goes in with textContent (through
// el()), never as markup: statement and catalog text cannot become elements or scripts.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("cw-data").textContent);
  const meta = data.meta;
  const versions = data.versions;
  const strings = data.tables.strings;
  const byNumber = new Map(versions.map((version) => [version.n, version]));
  const familyTitle = new Map(meta.families.map((family) => [family.id, family.title]));

  const words = (kind) => meta.kinds[kind].words;
  const symbol = (kind) => meta.kinds[kind].symbol;
  const SHORT = { mentioned: "men", urged: "urg", committed: "com", intensified: "int", fulfilled: "ful" };
  const QUIET = { "dropped": "drop", "not restated": "n/r", "not addressed": "n/a" };  // a cell's words for a silence

  const state = { families: new Set(meta.families.map((f) => f.id)), holder: "", from: "", to: "", pageSize: 24, start: null, selected: null };

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === "") continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // The page's data is compact (see commitwatch/render/html.py): a cell is [kind, after, before,
  // before_version, note]; an observation names its sentences by their place in its version's
  // list, and its repeated words by their place in data.tables.strings; a "before" that an earlier
  // version's cell shows is that version's number. cellOf() gives a cell with all of it resolved.
  const resolved = new Map();

  function observationIn(raw, version) {
    if (!raw) return null;
    const text = (key) => (typeof raw[key] === "number" ? version.sentences[raw[key]] : "");
    const string = (key) => (typeof raw[key] === "number" ? strings[raw[key]] : raw[key]);
    return {
      stance: raw.stance, negated: Boolean(raw.negated), marks: raw.marks || [], others: raw.others || 0,
      shown: string("shown"), holders: string("holders") || [], basis: string("basis"), why: string("why") || "",
      predicate: raw.predicate || "", addressee: raw.addressee || [], modifiers: raw.modifiers || [],
      quantities: raw.quantities || [], rung: raw.rung || 0,
      sentence: text("sentence"), context_before: text("context_before"), context_after: text("context_after"),
    };
  }

  function cellOf(version, index) {
    const key = version.n + ":" + index;
    if (resolved.has(key)) return resolved.get(key);
    const raw = version.cells[String(index)];
    let cell = null;
    if (raw) {
      let before = null;
      if (typeof raw[2] === "number") {
        const earlier = byNumber.get(raw[2]);
        const earlierCell = earlier ? cellOf(earlier, index) : null;
        before = earlierCell ? earlierCell.after : null;
      } else before = observationIn(raw[2], version);
      cell = { kind: raw[0], after: observationIn(raw[1], version), before, beforeVersion: raw[3], note: raw[4] || "" };
    }
    resolved.set(key, cell);
    return cell;
  }

  function heldBy(cell, holder) {
    if (!holder) return true;
    const observation = cell.after || cell.before;
    return Boolean(observation && observation.holders.includes(holder));
  }

  function datedVersions() {
    return versions.filter((v) => (!state.from || v.date >= state.from) && (!state.to || v.date <= state.to));
  }

  function pageOf(dated) {
    const size = state.pageSize;
    let start = state.start === null ? Math.max(0, dated.length - size) : state.start;
    start = Math.min(Math.max(0, start), Math.max(0, dated.length - size));
    state.start = start;
    return dated.slice(start, start + size);
  }

  function cellText(kind, observation) {
    const mark = symbol(kind);
    const shown = QUIET[kind] || (observation ? (observation.negated ? "¬" : "") + SHORT[observation.stance] + (observation.rung ? observation.rung : "") : "");
    return mark ? mark + " " + shown : shown;
  }

  function cellClass(kind, observation) {
    if (kind === "dropped") return "k-dropped";
    if (kind === "not restated") return "k-not-restated";
    if (kind === "not addressed") return "k-not-addressed";
    if (!observation) return "";
    if (observation.negated) return "negated";
    return "s-" + observation.stance;
  }

  function describe(commitment, version, cell) {
    const kind = cell.kind, after = cell.after, before = cell.before;
    let said = words(kind);
    if (after) said += ", " + after.shown;
    else if (kind === "dropped" && before) said += " (it was " + before.shown + ")";
    else if (before) said += ", in effect " + before.shown;
    return commitment.title + ", v" + version.n + " " + version.date + ": " + said;
  }

  // ---- the grid ----
  const grid = document.getElementById("cw-grid");
  let buttons = [];  // rows of focusable buttons, for the arrow keys

  function render() {
    const dated = datedVersions();
    const page = pageOf(dated);
    renderSummary(dated);
    renderPager(dated, page);
    buttons = [];
    grid.replaceChildren();
    const headRow = el("tr", {}, el("th", { scope: "col" }, "Commitment"));
    const headButtons = [null];
    for (const version of page) {
      const button = el("button", { type: "button", class: "col", "data-version": version.n, title: version.title,
        "aria-label": "v" + version.n + ", " + version.date + ": " + version.title + " (details)" },
        el("span", {}, "v" + version.n), el("span", { class: "date" }, version.date), el("span", { class: "title" }, version.title));
      button.addEventListener("click", () => showVersion(version));
      headButtons.push(button);
      headRow.append(el("th", { scope: "col" }, button));
    }
    buttons.push(headButtons);
    const body = el("tbody");
    let rows = 0;
    for (const family of meta.families) {
      if (!state.families.has(family.id)) continue;
      const members = [];
      meta.commitments.forEach((commitment, index) => {
        if (commitment.family !== family.id) return;
        if (page.some((version) => { const cell = cellOf(version, index); return cell && heldBy(cell, state.holder); })) members.push([commitment, index]);
      });
      if (!members.length) continue;
      body.append(el("tr", { class: "family" }, el("th", { scope: "rowgroup", colspan: page.length + 1 }, family.title)));
      for (const [commitment, index] of members) {
        const rowHead = el("button", { type: "button", class: "rowhead", title: commitment.id, "aria-label": commitment.title + ": its history" }, commitment.title);
        rowHead.addEventListener("click", () => showHistory(index));
        const row = el("tr", {}, el("th", { scope: "row" }, rowHead));
        const rowButtons = [rowHead];
        for (const version of page) {
          const cell = cellOf(version, index);
          if (!cell || !heldBy(cell, state.holder)) {
            row.append(el("td", {}, el("span", { class: "cell empty", "aria-hidden": "true" })));
            rowButtons.push(null);
            continue;
          }
          const kind = cell.kind;
          const label = describe(commitment, version, cell);
          const button = el("button", {
            type: "button",
            class: "cell " + cellClass(kind, cell.after) + (kind !== "unchanged" && !QUIET[kind] ? " changed" : ""),
            "data-version": version.n, "data-commitment": commitment.id, "data-kind": kind,
            "aria-label": label, title: label, "aria-pressed": "false",
          }, cellText(kind, cell.after));
          button.addEventListener("click", () => showEvidence(version, index, button));
          row.append(el("td", {}, button));
          rowButtons.push(button);
        }
        buttons.push(rowButtons);
        body.append(row);
        rows += 1;
      }
    }
    grid.append(el("thead", {}, headRow), body);
    if (!rows) body.append(el("tr", {}, el("td", { colspan: page.length + 1 }, versions.length ? "No commitment is stated in these versions with these filters." : "No statement is in this report's selection.")));
    rovingStart();
    if (state.selected) {  // the open evidence's cell, drawn again; or, filtered out, the evidence closes
      const again = grid.querySelector('button.cell[data-version="' + state.selected.n + '"][data-commitment="' + meta.commitments[state.selected.index].id + '"]');
      if (again) { again.setAttribute("aria-pressed", "true"); opener = again; } else closePanel();
    }
  }

  function rovingStart() {
    let first = null;
    for (const row of buttons) for (const button of row) if (button) { button.tabIndex = -1; if (!first) first = button; }
    if (first) first.tabIndex = 0;
  }

  grid.addEventListener("keydown", (event) => {
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let r = -1, c = -1;
    buttons.forEach((row, i) => { const j = row.indexOf(document.activeElement); if (j >= 0) { r = i; c = j; } });
    if (r < 0) return;
    let target = null;
    if (moves[event.key]) {
      const [dr, dc] = moves[event.key];
      for (let i = r + dr, j = c + dc; i >= 0 && i < buttons.length && j >= 0 && j < buttons[i].length; i += dr, j += dc) {
        if (buttons[i][j]) { target = buttons[i][j]; break; }
        if (dr !== 0) {  // an empty cell above or below: the nearest button in that row
          const row = buttons[i];
          for (let k = 1; k < row.length && !target; k++) target = row[j - k] || row[j + k] || null;
          if (target) break;
        }
      }
    } else if (event.key === "Home") target = buttons[r].find(Boolean);
    else if (event.key === "End") target = [...buttons[r]].reverse().find(Boolean);
    if (!target) return;
    event.preventDefault();
    for (const row of buttons) for (const button of row) if (button) button.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  });

  // ---- the summary and the pager ----
  function renderSummary(dated) {
    const counts = {};
    let baseline = 0;  // what "appeared" in the very first version is the starting point, not news
    for (const version of dated) {
      meta.commitments.forEach((commitment, index) => {
        if (!state.families.has(commitment.family)) return;
        const cell = cellOf(version, index);
        if (cell && heldBy(cell, state.holder)) {
          counts[cell.kind] = (counts[cell.kind] || 0) + 1;
          if (cell.kind === "appeared" && version === versions[0]) baseline += 1;
        }
      });
    }
    const summary = document.getElementById("cw-summary");
    const span = dated.length ? dated[0].date + " to " + dated[dated.length - 1].date : "no statements";
    const list = el("ul");
    for (const kind of meta.events) {
      const first = kind === "appeared" && baseline ? " (" + baseline + " of them in v" + versions[0].n + ", the first)" : "";
      list.append(el("li", { "data-kind": kind }, symbol(kind) + " " + (counts[kind] || 0) + " " + kind + first));
    }
    summary.replaceChildren(
      el("p", {}, el("strong", {}, dated.length + " of " + versions.length + " version" + (versions.length === 1 ? "" : "s")), ", " + span + (state.holder ? ", held by " + state.holder : "") + " (every page of the range):"),
      list,
    );
  }

  function renderPager(dated, page) {
    const pager = document.getElementById("cw-pager");
    const earlier = el("button", { type: "button", id: "cw-earlier", disabled: state.start === 0 }, "◀ Earlier");
    const later = el("button", { type: "button", id: "cw-later", disabled: state.start + page.length >= dated.length }, "Later ▶");
    const flip = (start, id) => {  // the pager is drawn again: keep the focus on the button pressed
      state.start = start;
      render();
      const again = document.getElementById(id);
      (again && !again.disabled ? again : document.getElementById(id === "cw-later" ? "cw-earlier" : "cw-later")).focus();
    };
    earlier.addEventListener("click", () => flip(Math.max(0, state.start - state.pageSize), "cw-earlier"));
    later.addEventListener("click", () => flip(state.start + state.pageSize, "cw-later"));
    const shown = page.length ? "Versions " + page[0].n + " to " + page[page.length - 1].n + " (" + page[0].date + " to " + page[page.length - 1].date + ")" : "No versions in this range";
    pager.replaceChildren(earlier, el("span", {}, shown), later);
  }

  // ---- the panel: evidence, a version, a history ----
  const panel = document.getElementById("cw-panel");
  let opener = null;

  function openPanel(title, content, from) {
    for (const button of grid.querySelectorAll('[aria-pressed="true"]')) button.setAttribute("aria-pressed", "false");
    if (from && from.classList.contains("cell")) from.setAttribute("aria-pressed", "true");
    opener = from || null;
    const close = el("button", { type: "button" }, "Close (Esc)");
    close.addEventListener("click", closePanel);
    panel.replaceChildren(el("h2", { id: "cw-panel-title" }, title), ...content, el("div", { class: "panel-buttons" }, close));
    panel.hidden = false;
    panel.setAttribute("aria-labelledby", "cw-panel-title");
    panel.focus({ preventScroll: true });
    panel.scrollTop = 0;
    const box = panel.getBoundingClientRect();
    if (box.top > window.innerHeight || box.bottom < 0) panel.scrollIntoView({ block: "start" });  // stacked under the grid
  }

  function closePanel() {
    panel.hidden = true;
    state.selected = null;
    for (const button of grid.querySelectorAll('[aria-pressed="true"]')) button.setAttribute("aria-pressed", "false");
    if (opener && document.body.contains(opener)) opener.focus();
  }

  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && !panel.hidden) closePanel(); });

  function marked(observation) {
    const characters = Array.from(observation.sentence);  // offsets count code points, as Python does
    const quote = el("span", { class: "sentence" });
    let position = 0;
    for (const [start, end] of observation.marks || []) {
      quote.append(characters.slice(position, start).join(""), el("mark", {}, characters.slice(start, end).join("")));
      position = end;
    }
    quote.append(characters.slice(position).join(""));
    return quote;
  }

  function evidenceBlock(observation) {
    return el("blockquote", {},
      observation.context_before ? el("span", { class: "ctx" }, observation.context_before + " ") : null,
      marked(observation),
      observation.context_after ? el("span", { class: "ctx" }, " " + observation.context_after) : null);
  }

  function facts(observation) {
    const list = el("dl");
    const add = (term, value) => { if (value) list.append(el("dt", {}, term), el("dd", {}, value)); };
    add("Stance", observation.shown + (observation.why ? " (" + observation.why + ")" : ""));
    add("Held by", observation.holders.join(", ") + " (found by " + observation.basis + ")");
    add("Asks", (observation.addressee || []).join(", "));
    add("Predicate", observation.predicate ? "“" + observation.predicate + "”" : "");
    add("Qualified by", (observation.modifiers || []).map(([kind, text]) => (kind === "negation" ? "negated by" : kind) + " “" + text + "”").join("; "));
    add("Quantities", (observation.quantities || []).map(([kind, text]) => kind + " “" + text + "”").join("; "));
    add("Also in", observation.others ? observation.others + " other sentence" + (observation.others > 1 ? "s" : "") + " of the statement" : "");
    return list;
  }

  // A link is followed only to a file or a web page: never a javascript: or data: address,
  // whatever the page's data says (a changelog read from someone else's JSON, say).
  function safeAddress(href) {
    if (!href) return false;
    try {
      return ["file:", "http:", "https:"].includes(new URL(href, document.baseURI).protocol);
    } catch (error) {
      return false;
    }
  }

  function statementLink(version) {
    const name = version.path + " (sha256 " + version.sha + ")";
    return safeAddress(version.href) ? el("a", { href: version.href }, name) : el("code", {}, name);
  }

  function movement(cell) {
    const kind = cell.kind, after = cell.after, before = cell.before;
    if (kind === "dropped") return (before ? before.shown : "?") + " → not stated";
    if (kind === "not addressed" || kind === "not restated") return "in effect: " + (before ? before.shown : "?") + " (from v" + cell.beforeVersion + ")";
    if (kind === "returned") return after.shown + " again (last seen in v" + cell.beforeVersion + ": " + (before ? before.shown : "?") + ")";
    if (!before || kind === "unchanged") return after ? after.shown : "";
    if (kind === "holder changed") return before.shown + " → " + after.shown + "; held by " + before.holders.join(", ") + " → " + after.holders.join(", ");
    return before.shown + " → " + after.shown;
  }

  function showEvidence(version, index, from) {
    const commitment = meta.commitments[index];
    const cell = cellOf(version, index);
    const after = cell.after, before = cell.before;
    const content = [
      el("p", {}, el("strong", {}, words(cell.kind)), ": " + movement(cell)),
      el("p", { class: "ctx" }, (familyTitle.get(commitment.family) || commitment.family) + " · " + commitment.id),
    ];
    if (after) content.push(el("h3", {}, "Now (v" + version.n + ", " + version.date + ")"), evidenceBlock(after), facts(after));
    if (before) {
      const earlier = byNumber.get(cell.beforeVersion);
      content.push(el("h3", {}, "Before (v" + cell.beforeVersion + (earlier ? ", " + earlier.date : "") + ")"), evidenceBlock(before), facts(before));
    }
    if (cell.note) content.push(el("p", {}, el("strong", {}, "Note: "), cell.note));
    const family = familyTitle.get(commitment.family) || commitment.family;
    const onFamily = (version.coverage || {})[commitment.family] || 0;
    if (cell.kind === "dropped") {
      content.push(el("p", {}, el("strong", {}, "Why dropped: "), onFamily > 1
        ? "the statement takes up " + family + " (" + onFamily + " sentences on it) and leaves this commitment out."
        : "the statement's metadata names " + family + " among its subjects, and it leaves this commitment out."));
    } else if (cell.kind === "not restated") {
      content.push(el("p", {}, el("strong", {}, "Why not dropped: "), "the statement names " + family + " only in passing (" + onFamily + " sentence), so leaving this commitment out is not taken as dropping it."));
    } else if (cell.kind === "not addressed") {
      content.push(el("p", {}, el("strong", {}, "Why not dropped: "), "the statement says nothing on " + family + "."));
    }
    content.push(el("p", {}, "Statement: " + version.title + " — ", statementLink(version)));
    const history = el("button", { type: "button" }, "History of this commitment");
    history.addEventListener("click", () => showHistory(index, from));
    content.push(el("div", { class: "panel-buttons" }, history));
    state.selected = { n: version.n, index };
    openPanel(commitment.title + ": v" + version.n, content, from);
  }

  function showVersion(version) {
    const list = el("dl");
    const add = (term, value) => { if (value) list.append(el("dt", {}, term), el("dd", {}, value)); };
    add("Date", version.date);
    add("Parties", version.parties.join(", ") + (version.parties_assumed ? " (assumed: its metadata names none, so the catalog's default_parties)" : ""));
    add("Source", version.source);
    if (version.read[1]) add("Sentences", version.read[0] + " of " + version.read[1] + " show a commitment of the catalog");
    add("Occasion", version.occasion);
    add("Order", version.ordering);
    list.append(el("dt", {}, "File"), el("dd", {}, statementLink(version)));
    add("Read with", (version.companions || []).map(([path, title]) => path + " (" + title + ")").join("; "));
    add("Republished copies", (version.variants || []).join(", "));
    const changes = el("ul");
    meta.commitments.forEach((commitment, index) => {
      const cell = cellOf(version, index);
      if (cell && cell.kind !== "unchanged") changes.append(el("li", {}, commitment.title + ": " + words(cell.kind) + " (" + movement(cell) + ")"));
    });
    state.selected = null;
    openPanel("v" + version.n + ": " + version.title, [list, el("h3", {}, "Changes"), changes.childElementCount ? changes : el("p", {}, "No changes.")], document.activeElement);
  }

  function showHistory(index, from) {
    const commitment = meta.commitments[index];
    const table = el("table", {}, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Version"), el("th", { scope: "col" }, "Change"), el("th", { scope: "col" }, "Evidence"))));
    const body = el("tbody");
    for (const version of datedVersions()) {
      const cell = cellOf(version, index);
      if (!cell) continue;
      const after = cell.after;
      body.append(el("tr", { "data-version": version.n },
        el("td", {}, "v" + version.n + " " + version.date),
        el("td", {}, words(cell.kind) + ": " + movement(cell)),
        el("td", {}, after ? marked(after) : "—")));
    }
    table.append(body);
    state.selected = null;
    openPanel("History: " + commitment.title, [el("p", { class: "ctx" }, (familyTitle.get(commitment.family) || "") + " · " + commitment.id), table], from || document.activeElement);
  }

  // ---- the controls ----
  const familyBox = document.getElementById("cw-families");
  for (const family of meta.families) {
    const box = el("input", { type: "checkbox", value: family.id, checked: true });
    box.addEventListener("change", () => { if (box.checked) state.families.add(family.id); else state.families.delete(family.id); render(); });
    familyBox.append(el("label", {}, box, " " + family.title));
  }
  const holderSelect = document.getElementById("cw-holder");
  for (const holder of data.tables.holders) holderSelect.append(el("option", { value: holder }, holder));
  holderSelect.addEventListener("change", () => { state.holder = holderSelect.value; render(); });
  const from = document.getElementById("cw-from"), to = document.getElementById("cw-to");
  if (versions.length) { from.min = to.min = versions[0].date; from.max = to.max = versions[versions.length - 1].date; }
  from.addEventListener("change", () => { state.from = from.value; state.start = null; render(); });
  to.addEventListener("change", () => { state.to = to.value; state.start = null; render(); });
  const size = document.getElementById("cw-page-size");
  size.addEventListener("change", () => { state.pageSize = Number(size.value); state.start = null; render(); });
  document.getElementById("cw-reset").addEventListener("click", () => {  // every filter off (the page size stays)
    state.families = new Set(meta.families.map((f) => f.id));
    state.holder = holderSelect.value = "";
    state.from = from.value = "";
    state.to = to.value = "";
    state.start = null;
    for (const box of familyBox.querySelectorAll("input")) box.checked = true;
    render();
  });

  const span = document.getElementById("cw-span");
  span.textContent = versions.length ? versions.length + " statement" + (versions.length === 1 ? "" : "s") + ", " + versions[0].date + " to " + versions[versions.length - 1].date : "no statement in this selection";
  const [read, all] = versions.reduce((sums, version) => [sums[0] + version.read[0], sums[1] + version.read[1]], [0, 0]);
  if (all) span.textContent += "; " + read + " of " + all + " sentences (" + Math.round(100 * read / all) + "%) show a commitment of the catalog";
  const companions = versions.reduce((total, version) => total + (version.companions || []).length, 0);
  if (companions) span.textContent += "; " + companions + " more read with another statement of " + (companions === 1 ? "its" : "their") + " occasion, as one version";
  const copies = versions.reduce((total, version) => total + (version.variants || []).length, 0);
  if (copies) span.textContent += "; " + copies + " republished cop" + (copies === 1 ? "y" : "ies") + " counted once";
  if (meta.skipped.length) span.textContent += ", " + meta.skipped.length + " file" + (meta.skipped.length === 1 ? "" : "s") + " skipped";
  render();
  document.body.dataset.ready = "true";
})();
