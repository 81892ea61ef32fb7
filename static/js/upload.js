// Drag and drop onto the upload area; the plain file input keeps working without this.
(function () {
  "use strict";
  var zone = document.querySelector("[data-dropzone]");
  if (!zone) return;
  var input = zone.querySelector("input[type=file]");
  var names = zone.querySelector("[data-file-names]");
  function show(files) {
    var list = [];
    for (var i = 0; i < files.length; i++) list.push(files[i].name);
    names.textContent = list.length ? "Ready to upload: " + list.join(", ") : "";
  }
  input.addEventListener("change", function () { show(input.files); });
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show(input.files);
    }
  });
})();
