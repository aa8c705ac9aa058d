// leafdeck preview: follows the server's events and updates the page in place (no reload, so the
// scroll position stays). Everything from the content is put in with textContent, never as HTML.
"use strict";

// What the page last showed and when (milliseconds since 1970): read by the tests and the benchmark.
window.leafdeck = { version: -1, shownAt: {}, problemsAt: 0, problemsText: "" };

let selection = decodeURIComponent(location.hash.slice(1));
let asked = 0;           // the number of the newest state request; older answers are dropped
const productOrder = ["leaflet", "brochure", "deck", "page"];

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function refresh() {
  const mine = ++asked;
  let state;
  try {
    const answer = await fetch("/api/state?selection=" + encodeURIComponent(selection), { cache: "no-store" });
    state = await answer.json();
  } catch (error) {
    setStatus("the preview server does not answer (stopped?)");
    return;
  }
  if (mine !== asked) return;
  if (state.selection && state.selection !== selection) {
    selection = state.selection;
    history.replaceState(null, "", "#" + encodeURIComponent(selection));
  }
  listen();
  drawSelections(state.selections);
  if (!state.selections.length) {
    setStatus("no condition found in the content folder: add one (see the README), this page follows");
    return;
  }
  drawProblems(state);
  drawProducts(state.products || []);
  window.leafdeck.version = state.version;
  const seconds = state.seconds ? ` in ${state.seconds.toFixed(2)} s` : "";
  if (state.trouble) { setStatus("the preview has a problem: " + state.trouble); return; }
  setStatus(state.status === "building" ? "drawing…" :
            state.status === "errors" ? `errors: see Problems${seconds}` : `up to date${seconds}`);
}

function setStatus(text) { document.getElementById("status").textContent = text; }

function drawSelections(selections) {
  const list = document.getElementById("selections");
  const wanted = selections.map(s => s.key).join("\n");
  if (list.dataset.keys !== wanted) {
    list.replaceChildren(...selections.map(s => {
      const link = el("a", { href: "#" + encodeURIComponent(s.key), "data-key": s.key },
                      `${s.condition} · ${s.language}` + (new Set(selections.map(x => x.clinic)).size > 1 ? ` · ${s.clinic}` : ""));
      return el("li").appendChild(link).parentNode;
    }));
    list.dataset.keys = wanted;
  }
  for (const link of list.querySelectorAll("a")) link.setAttribute("aria-current", String(link.dataset.key === selection));
}

function drawProblems(state) {
  const list = document.getElementById("diagnostics");
  const items = (state.diagnostics || []).map(d => {
    const item = el("li", { tabindex: "-1", class: d.severity });
    item.append(el("span", { class: "severity " + d.severity }, d.severity), " ");
    const where = el("a", { class: "where", href: d.editor, title: "open this spot in Visual Studio Code" }, d.where);
    item.append(where, " ", el("span", { class: "message" }, d.message));
    if (d.path) item.append(" ", el("a", { href: d.path, class: "file" }, "(file)"));
    if (d.hint) item.append(el("div", { class: "hint" }, "hint: " + d.hint));
    return item;
  });
  const text = items.map(i => i.textContent).join("\n");
  if (text !== window.leafdeck.problemsText) {
    list.replaceChildren(...items);
    window.leafdeck.problemsText = text;
    window.leafdeck.problemsAt = Date.now();
  }
  const count = severity => (state.diagnostics || []).filter(d => d.severity === severity).length;
  document.getElementById("problem-count").textContent =
    `(${count("error")} error(s), ${count("warning")} warning(s), ${count("note")} note(s))`;
  const figures = Object.entries(state.readability || {}).map(([doc, values]) =>
    `readability ${doc}: ` + Object.entries(values).map(([k, v]) => `${k} ${v}`).join(", "));
  document.getElementById("readability").textContent = figures.join(" · ");
}

function productSection(product) {
  let section = document.getElementById("product-" + product.id);
  if (!section) {
    section = el("section", { id: "product-" + product.id, class: "product", "aria-labelledby": "title-" + product.id });
    const heading = el("h2", { id: "title-" + product.id });
    heading.append(el("span", {}, product.title), el("span", { class: "badge" }));
    section.append(heading, el("p", { class: "product-note", hidden: "" }), el("div", { class: "pictures" }));
    document.getElementById("products").append(section);
  }
  return section;
}

function drawProducts(products) {
  for (const product of products) {
    const section = productSection(product);
    section.classList.toggle("stale", product.stale);
    const badge = section.querySelector(".badge");
    badge.className = "badge" + (product.stale ? " stale" : product.busy ? " busy" : "");
    badge.textContent = product.stale ? "out of date" : product.busy ? "drawing…" : "";
    const note = section.querySelector(".product-note");
    note.textContent = product.note;
    note.hidden = !product.note;
    if (product.id === "page") drawFrame(section, product);
    else if (product.pictures.length || !product.outline.length) drawPictures(section, product);
    else drawOutline(section, product);
  }
}

function drawPictures(section, product) {
  const holder = section.querySelector(".pictures");
  section.querySelector(".outline")?.remove();
  const figures = [...holder.children];
  const loads = [];
  product.pictures.forEach((picture, i) => {
    let figure = figures[i];
    if (!figure) {
      figure = el("figure");
      const link = el("a", { target: "_blank", title: "open full size" });
      link.append(el("img", { alt: `${product.title}, ${product.id === "deck" ? "slide" : "page"} ${i + 1}` }));
      figure.append(link, el("figcaption", {}, `${product.id === "deck" ? "slide" : "page"} ${i + 1}`));
      holder.append(figure);
    }
    const img = figure.querySelector("img");
    if (img.getAttribute("src") !== picture.src) {
      img.src = picture.src;
      figure.querySelector("a").href = picture.src;
      loads.push(img.decode().catch(() => null));
    }
    figure.classList.toggle("changed", picture.changed);
  });
  for (const extra of figures.slice(product.pictures.length)) extra.remove();
  if (loads.length) Promise.all(loads).then(() => { window.leafdeck.shownAt[product.id] = Date.now(); });
}

function drawOutline(section, product) {
  section.querySelector(".pictures").replaceChildren();
  const list = el("ol", { class: "outline" });
  for (const [title, lines] of product.outline) {
    const item = el("li", {}, title);
    const sub = el("ul");
    for (const line of lines) sub.append(el("li", {}, line));
    item.append(sub);
    list.append(item);
  }
  section.querySelector(".outline")?.remove();
  section.append(list);
  window.leafdeck.shownAt[product.id] = Date.now();
}

function drawFrame(section, product) {
  const holder = section.querySelector(".pictures");
  let frame = holder.querySelector("iframe");
  if (!product.frame) return;
  if (!frame) {
    frame = el("iframe", { title: "the patient web page", sandbox: "allow-same-origin" });
    holder.append(frame);
  }
  if (frame.getAttribute("src") !== product.frame) {
    let y = 0;
    try { y = frame.contentWindow.scrollY; } catch (error) { y = 0; }
    frame.onload = () => {
      try { frame.contentWindow.scrollTo(0, y); } catch (error) { /* another page */ }
      window.leafdeck.shownAt.page = Date.now();
    };
    frame.src = product.frame;
  }
}

function choose(key) {
  if (!key || key === selection) return;
  selection = key;
  history.replaceState(null, "", "#" + encodeURIComponent(key));
  document.getElementById("products").replaceChildren();
  listen();
  refresh();
}

document.addEventListener("click", event => {
  const link = event.target.closest("nav a[data-key]");
  if (link) { event.preventDefault(); choose(link.dataset.key); }
});
window.addEventListener("hashchange", () => choose(decodeURIComponent(location.hash.slice(1))));

document.addEventListener("keydown", event => {
  // AltGr (Windows reports Ctrl+Alt) and Option (macOS) type [ and ] on many keyboards: those stay ours.
  const shortcut = (event.ctrlKey || event.metaKey) && !event.getModifierState("AltGraph");
  if (shortcut || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) return;
  const links = [...document.querySelectorAll("nav a[data-key]")];
  const at = links.findIndex(a => a.dataset.key === selection);
  if ("[]pn".includes(event.key) && event.key) {
    const next = links[(at + ("]n".includes(event.key) ? 1 : -1) + links.length) % links.length];
    if (next) choose(next.dataset.key);
  } else if ("1234".includes(event.key) && event.key) {
    document.getElementById("product-" + productOrder[Number(event.key) - 1])?.scrollIntoView();
  } else if (event.key === "e") {
    const problems = [...document.querySelectorAll("#diagnostics li")];
    if (!problems.length) return;
    const now = problems.indexOf(document.activeElement);
    const next = problems[(now + 1) % problems.length];
    next.focus();
    next.scrollIntoView({ block: "center" });
  } else if (event.key === "+" || event.key === "-") {
    const now = parseInt(getComputedStyle(document.documentElement).getPropertyValue("--picture"), 10) || 340;
    const size = Math.max(160, Math.min(1200, now + (event.key === "+" ? 80 : -80)));
    document.documentElement.style.setProperty("--picture", size + "px");
  } else return;
  event.preventDefault();
});

// One stream per tab, for what the tab shows: the server keeps exactly the shown selections current.
let events = null;
function listen() {
  if (events && events.url.endsWith("=" + encodeURIComponent(selection))) return;
  if (events) events.close();
  events = new EventSource("/events?selection=" + encodeURIComponent(selection));
  events.addEventListener("update", refresh);
  events.onerror = () => setStatus("lost the connection to the preview server; retrying…");
}
listen();
