//! Mounts the app on the page.

fn main() {
    attain::web::install_panic_hook();
    yew::Renderer::<attain::App>::new().render();
}
