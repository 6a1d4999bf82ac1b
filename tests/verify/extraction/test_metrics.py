from verify.extraction.metrics import average_precision, precision_recall_f1


def test_precision_recall_f1_of_positive_class():
    assert precision_recall_f1(labels=[1, 1, 0, 0], predictions=[1, 0, 1, 0]) == (0.5, 0.5, 0.5)
    assert precision_recall_f1(labels=[0, 0], predictions=[0, 0]) == (0.0, 0.0, 0.0)


def test_average_precision_of_a_ranking():
    assert average_precision(labels=[1, 0, 1], scores=[0.9, 0.8, 0.1]) == (1 / 1 + 2 / 3) / 2
    assert average_precision(labels=[1, 1, 0], scores=[0.9, 0.8, 0.1]) == 1.0
