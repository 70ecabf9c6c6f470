// Petition form: a suggested sentence's button appends it to its text area (the page works without it).
document.querySelectorAll(".js-add").forEach(function (button) {
  var area = document.getElementById(button.dataset.target);
  if (!area) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var text = area.value.replace(/\s+$/, "");
    area.value = (text ? text + "\n" : "") + button.dataset.text;
    area.focus();
  });
});
