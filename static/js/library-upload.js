/* The library's upload page (library/admin_upload.py): files dropped on the zone or chosen in
   its file box are sent one by one to the page's endpoint, each with a progress bar, then a
   link to its page, or the reason it was refused. One refused file does not stop the others. */
(function () {
  "use strict";

  function init(form) {
    var url = form.getAttribute("data-upload-url");
    var isImage = form.getAttribute("data-kind") === "image";
    var input = form.querySelector("input[type=file]");
    var zone = form.querySelector("[data-dropzone]");
    var organization = form.querySelector("select[name=organization]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var list = form.querySelector(".library-upload-list");
    var message = form.querySelector(".library-upload-message");
    var done = form.querySelector(".library-upload-done");
    var summary = form.querySelector(".library-upload-summary");
    var queue = [];
    var busy = false;
    var counts = { ok: 0, refused: 0 };

    function say(text) {
      message.textContent = text;
      message.hidden = !text;
    }

    function row(file) {
      var item = document.createElement("li");
      item.className = "library-upload-item";
      var name = document.createElement("span");
      name.className = "library-upload-name";
      name.textContent = file.name;
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", "Tiến độ tải " + file.name);
      var status = document.createElement("span");
      status.className = "library-upload-status";
      status.textContent = "Đang chờ…";
      item.append(name, bar, status);
      list.append(item);
      return { item: item, bar: bar, status: status };
    }

    function finished(view, ok, text, data) {
      view.item.classList.add(ok ? "is-done" : "is-refused");
      view.bar.value = ok ? 100 : 0;
      view.bar.hidden = !ok;
      view.status.textContent = text;
      if (ok) {
        counts.ok += 1;
        if (data.thumbnail) {
          var img = document.createElement("img");
          img.src = data.thumbnail;
          img.alt = "";
          img.className = "library-upload-thumb";
          view.item.prepend(img);
        }
        var link = document.createElement("a");
        link.href = data.change_url;
        link.className = "library-upload-edit";
        link.textContent = isImage ? "Thêm chú thích, mô tả, tác giả" : "Sửa tên tài liệu";
        view.status.append(" ", link);
      } else {
        counts.refused += 1;
      }
      busy = false;
      next();
    }

    function send(task) {
      var data = new FormData();
      data.append("file", task.file);
      data.append("organization", task.organization);
      data.append("csrfmiddlewaretoken", token);
      var request = new XMLHttpRequest();
      request.open("POST", url);
      request.setRequestHeader("X-CSRFToken", token);
      request.responseType = "json";
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          task.view.bar.value = Math.round((event.loaded / event.total) * 95);
          task.view.status.textContent = "Đang tải " + task.view.bar.value + "%";
        }
      });
      request.addEventListener("load", function () {
        var body = request.response || {};
        if (request.status === 201) {
          finished(task.view, true, "Đã tải lên.", body);
        } else if (request.responseURL && request.responseURL.indexOf("/login/") !== -1) {
          // The admin answers an expired session with its login page.
          finished(task.view, false, "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại rồi tải lại tệp này.");
        } else if (body.error) {
          finished(task.view, false, body.error);
        } else if (request.status === 413) {
          finished(task.view, false, "Tệp quá lớn, máy chủ không nhận.");
        } else {
          finished(task.view, false, "Máy chủ không nhận tệp này (mã " + request.status + "). Hãy thử lại.");
        }
      });
      request.addEventListener("error", function () {
        finished(task.view, false, "Mất kết nối khi đang tải. Hãy kiểm tra mạng rồi thử lại.");
      });
      task.view.status.textContent = "Đang tải 0%";
      request.send(data);
    }

    function next() {
      if (busy) {
        return;
      }
      var task = queue.shift();
      if (task) {
        busy = true;
        send(task);
        return;
      }
      if (counts.ok + counts.refused) {
        summary.textContent = "Đã tải lên " + counts.ok + " tệp" +
          (counts.refused ? ", " + counts.refused + " tệp bị từ chối." : ".");
        done.hidden = false;
      }
    }

    function add(files) {
      if (!files || !files.length) {
        return;
      }
      if (!organization.value) {
        say("Hãy chọn đơn vị trước, rồi chọn hoặc kéo thả tệp.");
        organization.focus();
        return;
      }
      say("");
      done.hidden = true;
      Array.prototype.forEach.call(files, function (file) {
        queue.push({ file: file, organization: organization.value, view: row(file) });
      });
      next();
    }

    input.addEventListener("change", function () {
      add(input.files);
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("is-over");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.remove("is-over");
      });
    });
    zone.addEventListener("drop", function (event) {
      add(event.dataTransfer && event.dataTransfer.files);
    });
    // A file dropped beside the zone would make the browser leave the page to show it.
    ["dragover", "drop"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        event.preventDefault();
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".library-upload-form").forEach(init);
  });
})();
