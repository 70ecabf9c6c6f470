// Registration: narrow the institution list as the member types (the page works without it too).
(function () {
  var search = document.getElementById("institution_search");
  var province = document.getElementById("province");
  var select = document.getElementById("institution_id");
  if (!search || !province || !select || !window.fetch) return;
  var url = select.getAttribute("data-search-url");
  if (!url) return;
  var timer = null;
  function refresh() {
    if (!province.value) return;
    var query = url + "?province=" + encodeURIComponent(province.value) + "&q=" + encodeURIComponent(search.value);
    fetch(query, {headers: {"Accept": "application/json"}}).then(function (r) { return r.json(); }).then(function (data) {
      var keep = select.value;
      while (select.options.length > 1) select.remove(1);
      data.results.forEach(function (item) {
        var option = new Option(item.name, item.id);
        if (String(item.id) === keep) option.selected = true;
        select.add(option);
      });
      if (data.results.length === 1) select.value = String(data.results[0].id);
    });
  }
  search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 250); });
  province.addEventListener("change", refresh);
  // What was typed or chosen before this script ran (a slow stylesheet delays it) counts too.
  if (province.value && search.value) refresh();
})();
