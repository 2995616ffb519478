//! `thoisu train …`: trains the models that ship embedded in the binary.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use thoisu_segment::{TrainOptions, TrainSource};

use crate::{CliError, Outcome};

/// The models `thoisu train` can train.
#[derive(Subcommand, Debug)]
pub enum TrainCommand {
    /// The word segmenter (averaged perceptron over syllable gaps).
    Segment(SegmentTrainArgs),
    /// The entity tagger (structured perceptron over words).
    Ner(NerTrainArgs),
}

/// Arguments of `thoisu train segment`.
#[derive(Args, Debug)]
pub struct SegmentTrainArgs {
    /// Training file `PATH[@HOLDOUT][*REPEAT][+adapt]`: CoNLL-U or underscore format;
    /// HOLDOUT is the share of its last sentences kept as dev, REPEAT how often each
    /// sentence is seen per epoch, `+adapt` adapts the model to the file (its sentences
    /// also train their own copy of the gap bigram and trigram weights). Default: VLSP
    /// 2013 train (last 5% as dev) and UD-VTB train (`*10+adapt`).
    #[arg(long = "train", value_name = "SPEC")]
    train: Vec<String>,
    /// Extra dev file scored after every epoch. Default: UD-VTB dev.
    #[arg(long, value_name = "FILE")]
    dev: Vec<PathBuf>,
    /// Passes over the training data.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    epochs: usize,
    /// Seed of the shuffle.
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    seed: u64,
    /// Syllables seen fewer times count as unknown.
    #[arg(long, default_value_t = TrainOptions::default().min_count)]
    min_count: u32,
    /// Drop quantized weights of at most this magnitude.
    #[arg(long, default_value_t = TrainOptions::default().prune)]
    prune: i16,
    /// Where to write the weights.
    #[arg(long, default_value = "data/models/segment.bin")]
    out: PathBuf,
    /// Folder of the shared data, for the default files.
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
}

/// Arguments of `thoisu train ner`.
#[derive(Args, Debug)]
pub struct NerTrainArgs {
    /// Passes over the training data.
    #[arg(long, default_value_t = thoisu_extract::TrainOptions::default().epochs)]
    epochs: usize,
    /// Seed of the first shuffle order (the model is the mean of models trained in
    /// several orders that follow from it).
    #[arg(long, default_value_t = thoisu_extract::TrainOptions::default().seed)]
    seed: u64,
    /// Where to write the weights.
    #[arg(long, default_value = "data/models/ner.bin")]
    out: PathBuf,
    /// Folder of the shared data (VLSP 2016 dev, BKEE).
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
}

/// Runs `thoisu train …`.
pub fn run(cmd: &TrainCommand) -> Result<Outcome, CliError> {
    match cmd {
        TrainCommand::Segment(args) => segment(args),
        TrainCommand::Ner(args) => ner(args),
    }
}

fn source(spec: &str) -> Result<TrainSource, CliError> {
    Ok(spec.parse::<TrainSource>()?)
}

fn segment_options(args: &SegmentTrainArgs) -> Result<TrainOptions, CliError> {
    let data = args.shared.join("data");
    let default_train = [
        format!("{}@0.05", data.join("vlsp2013-ws/train.txt").display()),
        format!(
            "{}*10+adapt",
            data.join("ud-vtb/vi_vtb-ud-train.conllu").display()
        ),
    ];
    let specs: Vec<String> = if args.train.is_empty() {
        default_train.to_vec()
    } else {
        args.train.clone()
    };
    let dev = if args.dev.is_empty() {
        vec![data.join("ud-vtb/vi_vtb-ud-dev.conllu")]
    } else {
        args.dev.clone()
    };
    for path in specs
        .iter()
        .map(|s| source(s).map(|s| s.path))
        .chain(dev.iter().cloned().map(Ok))
    {
        let path = path?;
        if !path.is_file() {
            return Err(format!(
                "{}: no such file (pass --shared or --train)",
                path.display()
            )
            .into());
        }
    }
    Ok(TrainOptions {
        train: specs.iter().map(|s| source(s)).collect::<Result<_, _>>()?,
        dev,
        epochs: args.epochs,
        seed: args.seed,
        min_count: args.min_count,
        prune: args.prune,
        ..TrainOptions::default()
    })
}

fn segment(args: &SegmentTrainArgs) -> Result<Outcome, CliError> {
    let opts = segment_options(args)?;
    let started = std::time::Instant::now();
    let model = thoisu_segment::train(&opts, |r| {
        eprintln!("{r}  [{:.0}s]", started.elapsed().as_secs_f64());
    })?;
    write_model(&args.out, &model.to_bytes())
}

fn ner(args: &NerTrainArgs) -> Result<Outcome, CliError> {
    let data = args.shared.join("data");
    let vlsp = data.join("vlsp2016-ner/dev.txt");
    let mut train = thoisu_extract::read_vlsp(&vlsp)?;
    let bkee_train = thoisu_extract::read_brat_dir(&data.join("bkee/train"))?;
    let dev = thoisu_extract::read_brat_dir(&data.join("bkee/dev"))?;
    eprintln!(
        "training on {} VLSP 2016 dev + {} BKEE train sentences; dev: {} BKEE dev sentences",
        train.len(),
        bkee_train.len(),
        dev.len()
    );
    train.extend(bkee_train);
    let opts = thoisu_extract::TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        ..thoisu_extract::TrainOptions::default()
    };
    let gazetteer = crate::pipeline::entity_extractor().gazetteer().clone();
    let trained = thoisu_extract::train(&train, &dev, &gazetteer, &opts);
    for line in &trained.log {
        eprintln!("{line}");
    }
    write_model(&args.out, &trained.to_bytes())
}

fn write_model(path: &Path, bytes: &[u8]) -> Result<Outcome, CliError> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(Outcome::Clean)
}
