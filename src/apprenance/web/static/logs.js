// The logs page: send the files with XMLHttpRequest to show the upload's progress, then show
// the result page the server answers. Without this script the plain form posts the same way.
(function () {
  "use strict";
  var form = document.getElementById("logs-form");
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) {
    return;
  }
  var box = document.getElementById("logs-progress");
  var bar = document.getElementById("logs-bar");
  var status = document.getElementById("logs-status");
  var label = box.querySelector("label");
  var button = document.getElementById("logs-send");

  function show(percent, text) {
    bar.value = percent;
    bar.textContent = percent + " %";
    status.textContent = text;
  }

  form.addEventListener("submit", function (event) {
    if (!form.reportValidity()) {
      return;
    }
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "text/html");
    box.hidden = false;
    button.disabled = true;
    show(0, "0 %");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.round((100 * e.loaded) / e.total);
        show(percent, percent + " %");
      }
    });
    xhr.upload.addEventListener("load", function () {
      show(100, label.getAttribute("data-done"));
    });
    xhr.addEventListener("load", function () {
      var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var main = page.querySelector("main");
      if (!main) {
        show(0, label.getAttribute("data-failed"));
        button.disabled = false;
        return;
      }
      document.title = page.title;
      var here = document.querySelector("main");
      here.innerHTML = main.innerHTML;
      here.focus();
      window.scrollTo(0, 0);
    });
    xhr.addEventListener("error", function () {
      show(0, label.getAttribute("data-failed"));
      button.disabled = false;
    });
    xhr.send(new FormData(form));
  });
})();
