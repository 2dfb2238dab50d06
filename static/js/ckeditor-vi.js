/* CKEditor 5's Vietnamese (django_ckeditor_5/dist/translations/vi.js, every message of the
 * editor) in the portal's words where the shipped wording is wrong or unclear: a typo
 * ("định dang"), "Tiếp tục" for Redo, "Sát nhập" for merging cells, "chữ alt" for the
 * description blind readers hear (the same words as the article photo's field), and
 * "Nhập mô tả ảnh" for the caption's placeholder, which named the caption with the words
 * of that description.
 *
 * Loaded with `defer` on every admin page (templates/admin/base_site.html): it runs after
 * the widget's vi.js and before django-ckeditor-5 creates its editors (DOMContentLoaded).
 */
(function () {
  "use strict";

  var vi = window.CKEDITOR_TRANSLATIONS && window.CKEDITOR_TRANSLATIONS.vi;
  if (!vi || !vi.dictionary) {
    return;
  }
  Object.assign(vi.dictionary, {
    "Remove Format": "Xóa định dạng",
    "Redo": "Làm lại",
    "Merge cells": "Gộp ô",
    "Merge cell up": "Gộp với ô trên",
    "Merge cell right": "Gộp với ô bên phải",
    "Merge cell down": "Gộp với ô dưới",
    "Merge cell left": "Gộp với ô bên trái",
    "Text alternative": "Mô tả ảnh cho người khiếm thị",
    "Change image text alternative": "Sửa mô tả ảnh cho người khiếm thị",
    "Enter image caption": "Nhập chú thích ảnh",
    "Delete row": "Xóa hàng",
    "Delete column": "Xóa cột",
    "Header row": "Hàng tiêu đề",
    "Header column": "Cột tiêu đề",
  });
})();
