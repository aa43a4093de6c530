// Registration page nicety: after a code was sent, count down until it may be sent again.
// Without JavaScript the button simply stays enabled and the server enforces the interval.
(function () {
    var button = document.querySelector("button[data-resend-wait]");
    if (!button) { return; }
    var wait = parseInt(button.getAttribute("data-resend-wait"), 10) || 0;
    var label = button.textContent;
    function tick() {
        if (wait <= 0) { button.disabled = false; button.textContent = label; return; }
        button.disabled = true;
        button.textContent = wait + " 秒后可重新发送";
        wait -= 1;
        window.setTimeout(tick, 1000);
    }
    tick();
})();
