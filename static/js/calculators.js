/* Live calculator results: as the borrower types, fetch the same page with the new inputs and swap in the
   server-rendered result. Without this script the form still works by submitting (GET). */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function enhance(section) {
    var form = section.querySelector("form.calculator__form");
    if (!form || !window.fetch || !window.DOMParser) return;
    var latest = 0;

    function refresh() {
      var query = new URLSearchParams(new FormData(form)).toString();
      var url = window.location.pathname + "?" + query;
      var ticket = ++latest;
      fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (ticket !== latest) return; // a newer request is on its way
          var page = new DOMParser().parseFromString(html, "text/html");
          var fresh = page.querySelector('[data-calculator="' + section.dataset.calculator + '"]');
          var current = section.querySelector(".calculator__result");
          var next = fresh && fresh.querySelector(".calculator__result");
          if (next && current) current.replaceWith(next);
          else if (next) section.appendChild(next);
          else if (current) current.remove();
          window.history.replaceState(null, "", url);
        })
        .catch(function () { /* offline or server busy: the Calculate button still works */ });
    }

    form.addEventListener("input", debounce(function () {
      if (form.checkValidity()) refresh();
    }, 400));
  }

  document.querySelectorAll("[data-calculator]").forEach(enhance);
})();
