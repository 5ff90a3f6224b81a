fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let sources: Vec<codegen::CatalogSource> = paths
        .iter()
        .zip(&texts)
        .map(|(p, t)| codegen::CatalogSource { path: p, text: t })
        .collect();
    match codegen::generate(&sources, None) {
        Ok(g) => {
            for f in g.files {
                println!("== {} ({} bytes)", f.path, f.contents.len());
                std::fs::create_dir_all(format!(
                    "/tmp/gen/{}",
                    std::path::Path::new(&f.path).parent().unwrap().display()
                ))
                .unwrap();
                std::fs::write(format!("/tmp/gen/{}", f.path), f.contents).unwrap();
            }
        }
        Err(e) => {
            for f in e {
                for d in f.diagnostics {
                    println!(
                        "{}",
                        d.render_plain(
                            &f.path,
                            &texts[paths.iter().position(|p| *p == f.path).unwrap_or(0)]
                        )
                    );
                }
            }
        }
    }
}
