/* An image's page in the library: a click on the preview sets the focal point (the part a
   cropped copy keeps) in the "tâm ảnh" boxes, which stay usable by hand. */
(function () {
  "use strict";

  function round(value) {
    return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
  }

  function init(preview) {
    var img = preview.querySelector("img");
    var marker = preview.querySelector(".library-focal-marker");
    var x = document.getElementById("id_focal_x");
    var y = document.getElementById("id_focal_y");

    function show() {
      var fx = parseFloat(x ? x.value : preview.getAttribute("data-focal-x"));
      var fy = parseFloat(y ? y.value : preview.getAttribute("data-focal-y"));
      if (isNaN(fx) || isNaN(fy)) {
        marker.hidden = true;
        return;
      }
      marker.style.left = round(fx) * 100 + "%";
      marker.style.top = round(fy) * 100 + "%";
      marker.hidden = false;
    }

    if (x && y) {
      preview.classList.add("is-editable");
      img.addEventListener("click", function (event) {
        var box = img.getBoundingClientRect();
        x.value = round((event.clientX - box.left) / box.width);
        y.value = round((event.clientY - box.top) / box.height);
        show();
      });
      x.addEventListener("input", show);
      y.addEventListener("input", show);
    }
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".library-preview").forEach(init);
  });
})();
