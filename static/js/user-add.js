/* The one-step add form of accounts (accounts/user_forms.UserAddForm).

   - Tên đăng nhập follows Họ và tên as it is typed ("Trần Văn Minh" -> "minhtv", or
     "minhtv2" when that is taken): the server suggests a free one
     (PortalUserAdmin.suggest_username_view). Once the box is edited by hand it is left
     alone; emptied, it follows the name again.
   - While "Gửi thư mời" is ticked the password boxes are hidden: the person sets their own. */
(function () {
  "use strict";

  function ready(callback) {
    if (document.readyState !== "loading") callback();
    else document.addEventListener("DOMContentLoaded", callback);
  }

  ready(function () {
    var config = document.getElementById("user-add-config");
    var name = document.getElementById("id_full_name");
    var username = document.getElementById("id_username");
    var invite = document.getElementById("id_invite");
    if (!config || !name || !username) return;

    var byHand = username.value !== "";
    var timer = null;
    var asked = 0;

    username.addEventListener("input", function () {
      byHand = username.value !== "";
      if (!byHand) suggest();
    });

    function suggest() {
      if (byHand) return;
      var text = name.value.trim();
      if (!text) {
        username.value = "";
        return;
      }
      var ticket = ++asked;
      var url = config.dataset.suggestUrl + "?ten=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          // Only the answer to the latest name, and only while the box is not typed in.
          if (data && ticket === asked && !byHand) username.value = data.username;
        })
        .catch(function () { /* the server suggests one when the box is left empty */ });
    }

    name.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 250);
    });

    if (invite) {
      var rows = document.querySelectorAll(".field-password1, .field-password2");
      var follow = function () {
        rows.forEach(function (row) { row.hidden = invite.checked; });
      };
      invite.addEventListener("change", follow);
      follow();
    }
  });
})();
