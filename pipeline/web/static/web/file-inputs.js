// The file inputs of web/_chon_tep.html: the chosen file's name beside the “Chọn tệp…” button
// (validity.js puts the browser's own “select a file” bubble in Vietnamese). Listens on the
// document, so inputs that htmx swaps in later (the build page) work too.
(function () {
  var EMPTY = "Chưa chọn tệp";

  var isOurs = function (el) {
    return el && el.matches && el.matches(".chon-tep input[type=file]");
  };

  var names = function (input) {  // "a.xlsx"; "3 tệp: a.pdf, b.pdf, c.pdf"
    var files = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    if (!files.length) return EMPTY;
    if (files.length === 1) return files[0];
    return files.length + " tệp: " + files.join(", ");
  };

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!isOurs(input)) return;
    var shown = document.getElementById(input.id + "-ten");
    if (shown) shown.textContent = names(input);
  });
})();
