package io.jenkins.plugins.kargo.testkit;

/** The two manifest families registries serve: OCI, and Docker's schema 2 that came before it. */
public enum ImageFormat {
    OCI("application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.config.v1+json",
            "application/vnd.oci.image.layer.v1.tar+gzip"),
    DOCKER("application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.container.image.v1+json",
            "application/vnd.docker.image.rootfs.diff.tar.gzip");

    private final String indexMediaType;
    private final String manifestMediaType;
    private final String configMediaType;
    private final String layerMediaType;

    ImageFormat(String indexMediaType, String manifestMediaType, String configMediaType, String layerMediaType) {
        this.indexMediaType = indexMediaType;
        this.manifestMediaType = manifestMediaType;
        this.configMediaType = configMediaType;
        this.layerMediaType = layerMediaType;
    }

    /** OCI image index, or Docker manifest list. */
    public String indexMediaType() {
        return indexMediaType;
    }

    public String manifestMediaType() {
        return manifestMediaType;
    }

    public String configMediaType() {
        return configMediaType;
    }

    public String layerMediaType() {
        return layerMediaType;
    }
}
