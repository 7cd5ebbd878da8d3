//! Mounts the app on the page. The same module also runs in the reading worker, where there is
//! no page to mount on: there `attain_worker_start` (src/worker.rs) takes over.

fn main() {
    if web_sys::window().is_none() {
        return;
    }
    attain::web::install_panic_hook();
    yew::Renderer::<attain::App>::new().render();
}
