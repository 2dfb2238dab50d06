/* Vietnamese slugs in the admin's slug boxes (prepopulated_fields).

   Django's admin/js/urlify.js drops what it cannot transliterate, so "Ban Tuyên giáo
   và Dân vận Tỉnh ủy" became "ban-tuyen-giao-va-dan-vn-tnh-y". This file replaces its
   URLify(text, maxLength, allowUnicode), which admin/js/prepopulate.js calls, with the
   server's rule, portal.text.vietnamese_slugify(), step by step: the box shows exactly
   the address the server would make from the same title, cut to the field's length
   the same way. Loaded after urlify.js by portal.admin_utils.VietnameseSlugAdminMixin;
   tests/e2e/test_slug_browser.py compares the two in Chromium. */
(function () {
  "use strict";

  var djangoURLify = window.URLify;

  // portal.text.truncate_slug: at most maxLength characters, cut between words when a
  // word break is in reach, otherwise inside the (single, long) word.
  function truncateSlug(slug, maxLength) {
    if (slug.length <= maxLength) return slug;
    var cut = slug.slice(0, maxLength);
    if (slug.charAt(maxLength) !== "-" && cut.indexOf("-") !== -1) {
      cut = cut.slice(0, cut.lastIndexOf("-"));
    }
    return cut.replace(/^-+|-+$/g, "");
  }

  // portal.text.vietnamese_slugify.
  function vietnameseSlugify(text, maxLength) {
    var plain = String(text)
      .normalize("NFKC") // no-break spaces, full-width letters
      .replace(/[đð]/g, "d") // đ has no decomposition; ð/Ð is its look-alike in old text
      .replace(/[ĐÐ]/g, "D")
      .normalize("NFD") // tones and vowel marks apart from their letters…
      .replace(/[\p{M}\p{Cf}]/gu, ""); // …then dropped, with soft hyphens and the like
    var slug = plain
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    return truncateSlug(slug, maxLength);
  }

  window.vietnameseSlugify = vietnameseSlugify;
  window.URLify = function (text, maxLength, allowUnicode) {
    // A SlugField(allow_unicode=True) keeps its letters: Django's own rule.
    if (allowUnicode && djangoURLify) return djangoURLify(text, maxLength, allowUnicode);
    return vietnameseSlugify(text, maxLength || 80);
  };
}());
