// Account pages niceties; every page also works without JavaScript.
(function () {
    // After a code was sent, count down until it may be sent again (the server enforces it anyway).
    var button = document.querySelector("button[data-resend-wait]");
    if (button) {
        var wait = parseInt(button.getAttribute("data-resend-wait"), 10) || 0;
        var label = button.textContent;
        var tick = function () {
            if (wait <= 0) { button.disabled = false; button.textContent = label; return; }
            button.disabled = true;
            button.textContent = wait + " 秒后可重新发送";
            wait -= 1;
            window.setTimeout(tick, 1000);
        };
        tick();
    }

    // "看不清，换一张": without JavaScript the button posts the form back for a new image; here it
    // fetches one in place, keeping everything typed.
    document.querySelectorAll("img.captcha").forEach(function (image) {
        var field = image.closest(".form-field");
        var hidden = field && field.querySelector("input[type=hidden][name$='captcha_0']");
        var refresh = field && field.querySelector("button.captcha-refresh");
        var refreshUrl = image.getAttribute("data-refresh-url");
        if (!hidden || !refresh || !refreshUrl) { return; }
        var reload = function (event) {
            event.preventDefault();
            fetch(refreshUrl, { headers: { "X-Requested-With": "XMLHttpRequest" } })
                .then(function (response) { return response.json(); })
                .then(function (data) { image.src = data.image_url; hidden.value = data.key; });
        };
        refresh.addEventListener("click", reload);
        image.addEventListener("click", reload);
        image.style.cursor = "pointer";
    });
})();
