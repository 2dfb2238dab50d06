/* The library in CKEditor 5, on every admin page with a rich-text editor.
 *
 * 1. "Chèn ảnh từ thư viện": a button above each editor opens the dialog of
 *    templates/library/picker.html (fetched once from library:picker; a 403 there means the
 *    account may not use the library, and no button is shown). Its list comes from
 *    library:image_list (search, "Xem thêm"); picking an image inserts, at the editor's
 *    cursor, a figure with the image's address, alternative text and caption, the cursor
 *    left in the caption to edit it. Its form uploads a new image (library:image_upload)
 *    and inserts it.
 * 2. Images pasted or dropped into an editor are uploaded with the organisation chosen in
 *    the form (news/editor_uploads.py puts them in that organisation's library).
 *
 * django-ckeditor-5's prebuilt editor cannot take new plugins, so this works through the
 * editor's API: the instances are in window.editors (its app.js), keyed by textarea id.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var pickerUrl = script && script.getAttribute("data-picker-url");
  var WAIT_FOR_EDITOR_MS = 15000;

  function csrfToken(element) {
    var form = element && element.closest("form");
    var input = (form || document).querySelector("input[name=csrfmiddlewaretoken]");
    if (input) {
      return input.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // The organisation chosen in the form being written, if the form has one; on an
  // organisation's own page (its introduction), that organisation. The server keeps it only
  // when it is within the user's scope.
  function organizationHint(textarea) {
    var form = textarea.closest("form");
    var field = form && form.querySelector("select[name=organization], input[name=organization]");
    if (field) {
      return field.value;
    }
    var own = window.location.pathname.match(/\/organizations\/organization\/(\d+)\/change\//);
    return own ? own[1] : "";
  }

  function whenEditorReady(textarea, callback) {
    var started = Date.now();
    (function look() {
      var editor = window.editors && window.editors[textarea.id];
      if (editor) {
        callback(editor);
      } else if (Date.now() - started < WAIT_FOR_EDITOR_MS) {
        window.setTimeout(look, 100);
      }
    })();
  }

  function editorTextareas() {
    return Array.prototype.filter.call(
      document.querySelectorAll("textarea.django_ckeditor_5"),
      function (textarea) { return textarea.id && textarea.id.indexOf("__prefix__") === -1; }
    );
  }

  /* -- uploads of pasted and dropped images, with the form's organisation ---------------- */

  function LibraryUploadAdapter(loader, editor, textarea) {
    this.loader = loader;
    this.editor = editor;
    this.textarea = textarea;
  }

  LibraryUploadAdapter.prototype.upload = function () {
    var adapter = this;
    var options = adapter.editor.config.get("simpleUpload") || {};
    return adapter.loader.file.then(function (file) {
      return new Promise(function (resolve, reject) {
        var request = (adapter.request = new XMLHttpRequest());
        var failure = "Không tải được ảnh lên. Hãy thử lại.";
        request.open("POST", options.uploadUrl, true);
        request.responseType = "json";
        var headers = options.headers || {};
        Object.keys(headers).forEach(function (name) {
          request.setRequestHeader(name, headers[name]);
        });
        request.addEventListener("error", function () { reject(failure); });
        request.addEventListener("abort", function () { reject(); });
        request.addEventListener("load", function () {
          var answer = request.response;
          if (!answer || answer.error || !answer.url) {
            reject(answer && answer.error ? answer.error.message : failure);
          } else {
            resolve({ default: answer.url });
          }
        });
        request.upload.addEventListener("progress", function (event) {
          if (event.lengthComputable) {
            adapter.loader.uploadTotal = event.total;
            adapter.loader.uploaded = event.loaded;
          }
        });
        var data = new FormData();
        data.append("upload", file);
        data.append("organization", organizationHint(adapter.textarea));
        request.send(data);
      });
    });
  };

  LibraryUploadAdapter.prototype.abort = function () {
    if (this.request) {
      this.request.abort();
    }
  };

  function useLibraryUploads(editor, textarea) {
    if (!editor.plugins.has("FileRepository")) {
      return;
    }
    editor.plugins.get("FileRepository").createUploadAdapter = function (loader) {
      return new LibraryUploadAdapter(loader, editor, textarea);
    };
  }

  /* -- inserting a library image --------------------------------------------------------- */

  function insertFigure(editor, image) {
    editor.model.change(function (writer) {
      var attributes = { src: image.url };
      if (image.alt) {
        attributes.alt = image.alt;
      }
      var figure = writer.createElement("imageBlock", attributes);
      var caption = writer.createElement("caption");
      if (image.caption) {
        writer.insertText(image.caption, caption);
      }
      writer.append(caption, figure);
      editor.model.insertObject(figure, null, null, { findOptimalPosition: "auto" });
      writer.setSelection(caption, "end");
    });
    editor.editing.view.focus();
  }

  /* -- the dialog ------------------------------------------------------------------------ */

  function Picker(dialog) {
    this.dialog = dialog;
    this.results = dialog.querySelector("[data-picker-results]");
    this.status = dialog.querySelector("[data-picker-status]");
    this.more = dialog.querySelector("[data-picker-more]");
    this.search = dialog.querySelector("[data-picker-search]");
    this.uploadForm = dialog.querySelector("[data-picker-upload]");
    this.uploadError = dialog.querySelector("[data-picker-upload-error]");
    this.images = [];
    this.page = 0;
    this.query = "";
    this.target = null; // {editor, textarea, button}
    this.bind();
  }

  Picker.prototype.bind = function () {
    var picker = this;
    picker.dialog.querySelector("[data-picker-close]").addEventListener("click", function () {
      picker.dialog.close();
    });
    // A click on the backdrop (outside the dialog's box) closes it too.
    picker.dialog.addEventListener("click", function (event) {
      if (event.target === picker.dialog) {
        picker.dialog.close();
      }
    });
    picker.dialog.addEventListener("close", function () {
      if (picker.target && picker.target.returnFocus) {
        picker.target.returnFocus.focus();
      }
    });
    picker.search.addEventListener("submit", function (event) {
      event.preventDefault();
      picker.query = picker.search.elements.q.value.trim();
      picker.load(1);
    });
    picker.more.addEventListener("click", function () {
      picker.load(picker.page + 1);
    });
    picker.results.addEventListener("click", function (event) {
      var item = event.target.closest("[data-picker-index]");
      if (item) {
        picker.choose(picker.images[Number(item.getAttribute("data-picker-index"))]);
      }
    });
    if (picker.uploadForm) {
      picker.uploadForm.addEventListener("submit", function (event) {
        event.preventDefault();
        picker.upload();
      });
    }
  };

  Picker.prototype.open = function (target) {
    this.target = target;
    this.dialog.showModal();
    this.search.elements.q.focus();
    if (!this.page) {
      this.load(1);
    }
  };

  Picker.prototype.say = function (message) {
    this.status.textContent = message;
  };

  Picker.prototype.load = function (page) {
    var picker = this;
    var url = new URL(picker.dialog.getAttribute("data-list-url"), window.location.href);
    url.searchParams.set("page", String(page));
    if (picker.query) {
      url.searchParams.set("q", picker.query);
    }
    picker.say("Đang tải ảnh…");
    picker.more.hidden = true;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) {
            throw new Error(answer.error ? answer.error.message : "");
          }
          return answer;
        });
      })
      .then(function (answer) {
        if (page === 1) {
          picker.images = [];
          picker.results.textContent = "";
        }
        var firstNew = picker.images.length;
        answer.results.forEach(function (image) { picker.add(image); });
        picker.page = answer.page;
        picker.more.hidden = !answer.has_next;
        if (!answer.count) {
          picker.say(picker.query
            ? "Không có ảnh nào khớp với “" + picker.query + "”."
            : "Thư viện chưa có ảnh nào bạn dùng được. Hãy tải ảnh mới lên.");
        } else {
          picker.say("Đang hiện " + picker.images.length + " trên " + answer.count + " ảnh.");
        }
        if (page > 1) {
          var first = picker.results.querySelectorAll("button")[firstNew];
          if (first) {
            first.focus();
          }
        }
      })
      .catch(function (error) {
        picker.say(error.message || "Không tải được danh sách ảnh. Hãy thử lại.");
      });
  };

  Picker.prototype.add = function (image) {
    var index = this.images.push(image) - 1;
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "library-picker__item";
    button.setAttribute("data-picker-index", String(index));
    var thumbnail = document.createElement("img");
    thumbnail.src = image.thumbnail;
    thumbnail.alt = "";
    thumbnail.loading = "lazy";
    var caption = document.createElement("span");
    caption.className = "library-picker__caption";
    caption.textContent = image.caption || image.alt || "(Chưa có chú thích)";
    var details = document.createElement("span");
    details.className = "library-picker__details";
    details.textContent = [image.credit ? "Ảnh: " + image.credit : "", image.organization]
      .filter(Boolean).join(" · ");
    button.append(thumbnail, caption, details);
    if (!image.alt) {
      // Publishing needs it (news/workflow.py): say so before the photo is chosen.
      var warning = document.createElement("span");
      warning.className = "library-picker__warning";
      warning.textContent = "Chưa có mô tả ảnh";
      button.append(warning);
    }
    item.append(button);
    this.results.append(item);
  };

  Picker.prototype.choose = function (image) {
    var target = this.target;
    target.returnFocus = null; // the focus goes to the figure's caption
    this.dialog.close();
    insertFigure(target.editor, image);
  };

  Picker.prototype.upload = function () {
    var picker = this;
    var form = picker.uploadForm;
    var submit = form.querySelector("button[type=submit]");
    picker.uploadError.hidden = true;
    if (!form.elements.file.files.length) {
      picker.showUploadError("Chưa chọn tệp ảnh.");
      form.elements.file.focus();
      return;
    }
    var data = new FormData(form);
    data.append("organization", organizationHint(picker.target.textarea));
    submit.disabled = true;
    picker.say("Đang tải ảnh lên…");
    fetch(picker.dialog.getAttribute("data-upload-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(picker.target.textarea), Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) {
            throw new Error(answer.error ? answer.error.message : "");
          }
          return answer;
        });
      })
      .then(function (image) {
        form.reset();
        var name = form.querySelector(".cong-file-name");
        var preview = form.querySelector(".cong-file-preview");
        if (name) {
          name.textContent = "Chưa chọn tệp";
        }
        if (preview) {
          preview.remove();
        }
        picker.page = 0; // the list shows the new image next time
        picker.say("");
        picker.choose(image);
      })
      .catch(function (error) {
        picker.say("");
        picker.showUploadError(error.message || "Không tải được ảnh lên. Hãy thử lại.");
      })
      .then(function () {
        submit.disabled = false;
      });
  };

  Picker.prototype.showUploadError = function (message) {
    this.uploadError.textContent = message;
    this.uploadError.hidden = false;
  };

  function addButton(picker, textarea, editor) {
    var container = textarea.closest(".ck-editor-container") || textarea.parentNode;
    if (container.querySelector(".library-picker__open")) {
      return;
    }
    var bar = document.createElement("div");
    bar.className = "library-picker__bar";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button library-picker__open";
    button.textContent = "Chèn ảnh từ thư viện";
    button.setAttribute("aria-haspopup", "dialog");
    button.addEventListener("click", function () {
      picker.open({ editor: editor, textarea: textarea, returnFocus: button });
    });
    bar.append(button);
    container.insertBefore(bar, container.firstChild);
  }

  function loadPicker() {
    if (!pickerUrl) {
      return Promise.resolve(null);
    }
    return fetch(pickerUrl, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) {
          return null; // this account may not use the library
        }
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var dialog = holder.querySelector("[data-library-picker]");
        document.body.append(dialog);
        return new Picker(dialog);
      })
      .catch(function () { return null; });
  }

  var pickerLoading = null;

  function setUp() {
    var textareas = editorTextareas().filter(function (textarea) {
      return !textarea.hasAttribute("data-library-picker-ready");
    });
    if (!textareas.length) {
      return;
    }
    pickerLoading = pickerLoading || loadPicker();
    textareas.forEach(function (textarea) {
      textarea.setAttribute("data-library-picker-ready", "");
      whenEditorReady(textarea, function (editor) {
        useLibraryUploads(editor, textarea);
        pickerLoading.then(function (picker) {
          if (picker && !textarea.disabled) {
            addButton(picker, textarea, editor);
          }
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("formset:added", setUp);
  }
})();
