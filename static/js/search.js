/* Search suggestions as the reader types: an ARIA 1.2 combobox over any form with data-search-suggest.
   The input gets role=combobox and a listbox of links; arrow keys move, Enter follows the highlighted
   suggestion, Escape closes. Without this script the form still submits to the search page (GET). */
(function () {
  "use strict";

  var DELAY_MS = 150;
  var MIN_LENGTH = 1;

  function enhance(form) {
    var input = form.querySelector('input[name="q"]');
    var endpoint = form.getAttribute("data-search-suggest");
    if (!input || !endpoint || !window.fetch) return;

    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.getAttribute("data-search-label") || input.labels[0].textContent);
    list.hidden = true;
    form.classList.add("search-combobox");
    input.insertAdjacentElement("afterend", list);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var options = [];
    var active = -1;
    var timer = null;
    var ticket = 0;

    function close() {
      list.hidden = true;
      list.textContent = "";
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      close();
      if (!suggestions.length) return;
      suggestions.forEach(function (suggestion, i) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        item.setAttribute("role", "option");
        item.id = listId + "-" + i;
        item.setAttribute("aria-selected", "false");
        link.href = suggestion.url;
        link.textContent = suggestion.title; // text, never HTML: titles are data
        link.tabIndex = -1;
        item.appendChild(link);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        list.appendChild(item);
        options.push(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) { close(); return; }
      var mine = ++ticket;
      fetch(endpoint + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (mine === ticket && document.activeElement === input) show(data.suggestions || []);
        })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!options.length) return;
        event.preventDefault();
        highlight(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!options.length) return;
        event.preventDefault();
        highlight(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter") {
        if (active >= 0 && options[active]) {
          event.preventDefault();
          window.location.assign(options[active].querySelector("a").href);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });

    input.addEventListener("blur", function () {
      // Let a tap on a suggestion's link land before the list goes away.
      setTimeout(close, 200);
    });
  }

  document.querySelectorAll("form[data-search-suggest]").forEach(enhance);
})();
