// "Copy the link" on a credential's page; without this script the link stays in its field,
// ready to be selected and copied by hand.
(function () {
  var button = document.getElementById("copy-link");
  if (!button) { return; }
  var field = document.getElementById(button.getAttribute("data-copy"));
  if (!field) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var done = function () { button.textContent = button.getAttribute("data-done"); };
    field.select();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        if (document.execCommand("copy")) { done(); }
      });
    } else if (document.execCommand("copy")) {
      done();
    }
  });
})();
