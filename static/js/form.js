// The pillar form: autosave through htmx, answers kept on this device until the server has them,
// conditional questions shown as answers change, a warning before the session ends.
// No inline script and no eval: the portal keeps a strict Content Security Policy.
(function () {
  "use strict";
  const root = document.getElementById("answers");
  if (!root || !window.htmx) return;
  const responseId = root.dataset.response;
  const userId = root.dataset.user;
  const context = JSON.parse(document.getElementById("condition-context").textContent);
  const banner = document.getElementById("session-warning");
  // Kept answers belong to the person who typed them: another person signed in on this computer
  // never sends them, and finds them gone (sign-out clears them all: static/js/signout.js).
  const key = (code) => `readiness:${userId}:${responseId}:${code}`;
  Object.keys(localStorage)
    .filter((k) => k.startsWith("readiness:") && !k.startsWith(`readiness:${userId}:`))
    .forEach((k) => localStorage.removeItem(k));
  const formOf = (code) => document.getElementById(`form-${code}`);

  // --- what a form holds ------------------------------------------------------------------
  function fields(form) {
    return Array.from(form.elements).filter(
      (el) => el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "version" && el.type !== "submit"
    );
  }
  function snapshot(form) {
    const pairs = [];
    fields(form).forEach((el) => {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.type === "select-multiple") {
        Array.from(el.selectedOptions).forEach((o) => pairs.push([el.name, o.value]));
        return;
      }
      pairs.push([el.name, el.value]);
    });
    return { version: form.elements.version.value, pairs };
  }
  function restore(form, saved) {
    fields(form).forEach((el) => {
      const values = saved.pairs.filter(([name]) => name === el.name).map(([, v]) => v);
      if (el.type === "radio" || el.type === "checkbox") el.checked = values.includes(el.value);
      else if (el.type === "select-multiple") Array.from(el.options).forEach((o) => (o.selected = values.includes(o.value)));
      else el.value = values.length ? values[0] : "";
    });
    form.elements.version.value = saved.version;
  }
  function answerOf(code) {
    const form = formOf(code);
    if (!form) return context.answers[code];
    const section = form.closest("[data-question]");
    const values = snapshot(form).pairs.map(([, v]) => v).filter((v) => v !== "");
    if (section.dataset.type === "multi_choice") return values;
    return values.length ? values[0] : null;
  }

  // --- conditions: the same rules as surveys/domain/conditions.py ---------------------------------
  function number(value) {
    if (typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "" && !isNaN(Number(value))) return Number(value);
    return null;
  }
  function test(cond, visible) {
    if (cond.all) return cond.all.every((c) => test(c, visible));
    if (cond.any) return cond.any.some((c) => test(c, visible));
    if (cond.not) return !test(cond.not, visible);
    if (cond.count_selected) {
      // how many choices are ticked; a hidden or unanswered question has none
      const ticked = visible(cond.question) ? answerOf(cond.question) : null;
      const count = Array.isArray(ticked) ? ticked.length : ticked === null || ticked === undefined || ticked === "" ? 0 : 1;
      return compare(count, cond.count_selected);
    }
    if (!visible(cond.question)) return false;
    const value = answerOf(cond.question);
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return false;
    const chosen = Array.isArray(value) ? value : [value];
    if ("equals" in cond) return chosen.includes(cond.equals);
    if ("in" in cond) return chosen.some((v) => cond.in.includes(v));
    const n = number(value);
    return n === null ? false : compare(n, cond);
  }
  function compare(n, cond) {
    if ("equals" in cond) return n === cond.equals;
    if ("gte" in cond) return n >= cond.gte;
    if ("lte" in cond) return n <= cond.lte;
    return "gt" in cond ? n > cond.gt : n < cond.lt;
  }
  function applyConditions() {
    const memo = {};
    const visible = (code) => {
      if (code in memo) return memo[code];
      const section = document.querySelector(`[data-question="${CSS.escape(code)}"]`);
      if (!section) return (memo[code] = Boolean(context.visible[code]));
      memo[code] = false; // guards against cycles; definitions have none
      const raw = section.dataset.visibleIf;
      return (memo[code] = raw ? test(JSON.parse(raw), visible) : true);
    };
    document.querySelectorAll("[data-question]").forEach((section) => {
      section.hidden = !visible(section.dataset.question);
    });
  }

  // --- autosave ----------------------------------------------------------------------------
  const timers = new Map();
  root.addEventListener("input", (event) => {
    const form = event.target.closest("form.answer-form");
    if (!form || event.target.type === "radio" || event.target.type === "checkbox") return;
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(() => htmx.trigger(form, "autosave"), 800));
    localStorage.setItem(key(form.closest("[data-question]").dataset.question), JSON.stringify(snapshot(form)));
  });
  root.addEventListener("change", (event) => {
    if (event.target.closest("form.answer-form")) applyConditions();
  });
  // An exclusive choice ("none of the above") stands alone, as the server requires: ticking it
  // clears the others, ticking another clears it. Capture phase: before htmx reads the form.
  root.addEventListener(
    "change",
    (event) => {
      const box = event.target;
      if (box.type !== "checkbox" || !box.checked) return;
      const others = Array.from(box.form.querySelectorAll("input[type=checkbox]")).filter((el) => el !== box);
      others.forEach((el) => {
        if (box.hasAttribute("data-exclusive") || el.hasAttribute("data-exclusive")) el.checked = false;
      });
    },
    true
  );
  // Answers the server cleared because another answer hid them: empty their fields too.
  document.body.addEventListener("htmx:afterSettle", () => {
    document.querySelectorAll("input[data-cleared]").forEach((version) => {
      version.removeAttribute("data-cleared");
      fields(version.form).forEach((el) => {
        if (el.type === "radio" || el.type === "checkbox") el.checked = false;
        else if (el.type === "select-multiple") Array.from(el.options).forEach((o) => (o.selected = false));
        else el.value = "";
      });
      localStorage.removeItem(key(version.form.closest("[data-question]").dataset.question));
    });
  });
  document.body.addEventListener("htmx:configRequest", (event) => {
    const form = event.detail.elt;
    if (!form.classList || !form.classList.contains("answer-form")) return;
    clearTimeout(timers.get(form));
    localStorage.setItem(key(form.closest("[data-question]").dataset.question), JSON.stringify(snapshot(form)));
    const state = document.getElementById(`state-${form.closest("[data-question]").dataset.question}`);
    state.dataset.saving = "true";
  });
  // Refusals come with a body that says why: swap them in like successes.
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    if ([401, 409, 422, 423].includes(event.detail.xhr.status)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    const status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 401) return sessionEnded();
    if (status && status < 500) lastActivity = Date.now();
    if (!form.classList || !form.classList.contains("answer-form")) return;
    const code = form.closest("[data-question]").dataset.question;
    const state = document.getElementById(`state-${code}`);
    delete state.dataset.saving;
    // A refused value stays marked until a valid one is saved (the reason is beside it).
    fields(form).forEach((el) => {
      if (status === 422) el.setAttribute("aria-invalid", "true");
      else if (status === 200) el.removeAttribute("aria-invalid");
      el.classList.toggle("is-invalid", status === 422 || (status !== 200 && el.classList.contains("is-invalid")));
    });
    if (status === 200) localStorage.removeItem(key(code));
    else if (!status || status >= 500) {
      state.innerHTML = "";
      const p = document.createElement("div");
      p.className = "text-danger";
      p.dataset.state = "error";
      p.textContent = root.dataset.networkError || state.dataset.networkError || "";
      state.appendChild(p);
      setTimeout(() => htmx.trigger(form, "autosave"), 10000);
    }
  });

  // Answers typed but never confirmed by the server (session ended, network gone, tab closed)
  // are sent again when this page opens.
  function replay() {
    document.querySelectorAll("form.answer-form").forEach((form) => {
      const code = form.closest("[data-question]").dataset.question;
      const raw = localStorage.getItem(key(code));
      if (!raw) return;
      restore(form, JSON.parse(raw));
      htmx.trigger(form, "autosave");
    });
    applyConditions();
  }

  // --- the session -------------------------------------------------------------------------
  let lastActivity = Date.now();
  let ended = false;
  function show(which) {
    banner.hidden = false;
    banner.querySelector("[data-when=warning]").hidden = which !== "warning";
    banner.querySelector("[data-when=ended]").hidden = which !== "ended";
    banner.querySelector("[data-session=stay]").hidden = which !== "warning";
    banner.querySelector("[data-session=login]").hidden = which !== "ended";
  }
  function sessionEnded() {
    ended = true;
    show("ended");
  }
  if (banner) {
    const seconds = Number(banner.dataset.sessionSeconds);
    const warning = Number(banner.dataset.sessionWarning);
    setInterval(() => {
      if (ended) return;
      const idle = (Date.now() - lastActivity) / 1000;
      if (idle >= seconds) sessionEnded();
      else if (idle >= seconds - warning) show("warning");
    }, 1000);
    banner.querySelector("[data-session=stay]").addEventListener("click", () => {
      const token = document.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(banner.dataset.keepaliveUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token ? token.value : "" },
        credentials: "same-origin",
      }).then((reply) => {
        if (reply.status === 401) return sessionEnded();
        lastActivity = Date.now();
        banner.hidden = true;
      });
    });
  }

  // --- long choice lists: a filter box above the select (the select works without it) ---------
  document.querySelectorAll("select[data-searchable]").forEach((select) => {
    const filter = document.createElement("input");
    filter.type = "search";
    filter.className = "form-control form-control-sm mb-1";
    filter.placeholder = select.dataset.searchable;
    filter.setAttribute("aria-label", select.dataset.searchable);
    filter.setAttribute("aria-controls", select.id);
    select.before(filter);
    filter.addEventListener("input", () => {
      const needle = filter.value.trim().toLowerCase();
      Array.from(select.options).forEach((option) => {
        option.hidden = needle !== "" && option.value !== "" && !option.text.toLowerCase().includes(needle);
      });
    });
  });

  applyConditions();
  // htmx wires the forms up on DOMContentLoaded; send pending answers once it has.
  document.addEventListener("DOMContentLoaded", () => setTimeout(replay, 0));
})();
