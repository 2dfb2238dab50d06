"use strict";
// The article list's autocomplete filters (news/admin_filters.py) apply as soon as an
// organisation or a directive is chosen or cleared, as the sidebar's links do.
window.addEventListener("load", () => {
    const $ = window.django && window.django.jQuery;
    if (!$) {
        return;
    }
    $("form.newsroom-filter[data-autosubmit] select").on("select2:select select2:clear", (event) => {
        const form = event.target.form;
        if (event.type === "select2:clear") {
            event.target.disabled = true; // leave the parameter out of the address
        }
        form.submit();
    });
});
